"""Spreadsheet imports and the columns of exports (imports of exemplars, units and users;
exports of the filtered lists).

- ``safety``: checks an upload before anything parses it (type, size, zip bomb, macros,
  XML entities) and holds the limits;
- ``xlsx`` and ``reading``: the sheet streamed through the C XML parser behind a guard, the
  characters of each cell, row and of the sheet counted as they arrive, its header matched
  to the columns, its rows normalised;
- ``widgets`` and ``resources``: what each column takes, and the rules of each row
  (django-import-export resources);
- ``history``: history rows for records written in bulk;
- ``kinds``: the imports offered, with the help their templates carry;
- ``templates``: the downloadable template workbooks;
- ``service``: upload, check (a dry run, always on the background worker), confirm, all or
  nothing, a bounded report, and the imports whose worker stopped, marked failed and run
  again;
- ``rules``: who may import what; ``forms``; ``demo``: one finished import for the demo.
"""
