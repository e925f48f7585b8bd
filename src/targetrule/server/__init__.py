"""The HTTP service and the office page (``targetrule serve``, extra ``targetrule[server]``).

Stateless: each request carries its data. ``config`` holds the limits and the token, ``errors``
the JSON errors, ``auth`` the bearer token, ``guard`` the body limit and the access log,
``inputs`` what a request posts, ``work`` the evaluation in a worker thread with a time limit,
``api`` the JSON endpoints, ``page`` the server-rendered page, ``openapi`` the description of
every route, ``app`` puts them together. Only ``app`` and what it imports need Starlette.
"""
