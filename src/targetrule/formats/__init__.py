"""File formats for host programs: data in (JSON, CSV, xlsx templates) and results out (JSON, CSV, xlsx, HTML).

Each module holds one idea; heavy libraries (openpyxl, pygal, jinja2) are imported inside the
functions that need them, behind the ``xlsx`` and ``report`` extras.
"""
