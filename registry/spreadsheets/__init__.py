"""Spreadsheet imports and the columns of exports (imports of exemplars, units and users;
exports of the filtered lists).

- ``safety``: checks an upload before anything parses it (type, size, zip bomb, macros,
  XML entities);
- ``xlsx`` and ``reading``: the sheet read with the C XML parser behind a guard, its header
  matched to the columns, its rows normalised;
- ``widgets`` and ``resources``: what each column takes, and the rules of each row
  (django-import-export resources);
- ``history``: history rows for records written in bulk;
- ``kinds``: the imports offered, with the help their templates carry;
- ``templates``: the downloadable template workbooks;
- ``service``: upload, check (a dry run), confirm, all or nothing, in the background for
  large files;
- ``rules``: who may import what; ``forms``; ``demo``: one finished import for the demo.
"""
