"""The web app: ``competency-kit serve`` — every task of the command line, from a browser.

A front end beside ``cli/``: each page turns form fields into one ``app`` request and its result
(or its problems) into a page; the JSON API returns what the command line's JSON contracts say.
It guards itself as a server on the user's own machine must (Host, same-origin, size, token),
and keeps uploads and results in a per-session temporary folder.
"""
