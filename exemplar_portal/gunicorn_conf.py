"""Gunicorn's settings for the portal: ``gunicorn -c python:exemplar_portal.gunicorn_conf``.

The address, the number of workers and their recycling stay on the command line (see
docs/deployment.md); this file holds what belongs with the code: the portal is loaded once
in the master process and warmed up there (``exemplar_portal.warmup``), so that a worker,
at the start and each time ``--max-requests`` replaces it, begins with the portal imported
and its templates compiled instead of spending a couple of seconds of processor time on
them while people wait.

A deployment of new code restarts the service (``systemctl restart exemplar-web``): with
the portal loaded in the master, a HUP would bring up workers of the old code.
"""

preload_app = True


def when_ready(server):
    """In the master, after the portal is loaded and before the first worker starts."""
    from exemplar_portal.warmup import warm_up

    done = warm_up()
    server.log.info(
        "warmed up: %(templates)s templates compiled, %(frozen)s objects kept out of the "
        "garbage collector's way",
        done,
    )
