"""Work a web worker would otherwise redo after every start, done once before the workers start.

Gunicorn replaces each worker after ``--max-requests`` requests. A new worker used to import
the portal (about 1 s of processor time) and then compile each template the first time a page
needed it (another second or so over its first pages), so that under load the five workers'
replacements took a few seconds of processor time together, in the middle of the busiest
minutes. With ``preload_app`` (``exemplar_portal/gunicorn_conf.py``) the master process
imports the portal once, ``warm_up`` compiles every template and loads what pages share, and
each worker, old or new, starts from that copy.

Nothing here touches the database: a connection opened in the master would be shared by every
worker forked from it, so any that were opened are closed before the workers start.
"""

import gc
import logging
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)


def template_names(engine) -> list[str]:
    """The names of the templates ``engine`` finds: those of its folders and of the apps'."""
    folders = [Path(folder) for folder in engine.dirs]
    if engine.app_dirs:
        folders += [Path(folder) for folder in get_app_template_dirs("templates")]
    names = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml"):
                names.append(path.relative_to(folder).as_posix())
    return list(dict.fromkeys(names))  # the first folder wins, as the loaders do


def compile_templates() -> int:
    """Compile (and keep, through the cached loader) every template of the Django engines;
    returns how many. A template that does not compile on its own (an app's template for a
    library the portal does not load) is left for the page that would use it."""
    compiled = 0
    for backend in engines.all():
        engine = getattr(backend, "engine", None)
        if engine is None:
            continue
        for name in template_names(engine):
            try:
                engine.get_template(name)
            except (TemplateSyntaxError, UnicodeDecodeError) as error:
                logger.debug("warm-up: %s left uncompiled (%s)", name, error)
                continue
            compiled += 1
    return compiled


def warm_up() -> dict:
    """Prepare this process so that the workers forked from it start warm: the URL patterns
    resolved, each language's translations loaded, every template compiled; then close any
    database connection and move what was built out of the garbage collector's way (so that
    a collection in a worker does not touch, and copy, the memory shared with the master)."""
    resolver = get_resolver()
    resolver.reverse_dict, resolver.namespace_dict  # noqa: B018 - read to build them
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Exemplar portal")
    templates = compile_templates()
    connections.close_all()
    gc.collect()
    gc.freeze()
    return {"templates": templates, "frozen": gc.get_freeze_count()}
