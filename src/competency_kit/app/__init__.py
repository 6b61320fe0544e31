"""One function per user task, taking a typed request and returning a typed result.

The only layer that combines the others (documents, analysis, excel, pdf, interop). The command
line and the web app are thin front ends over it: they turn flags or form fields into a request
and a result into words. Import the task's own module (``competency_kit.app.gap`` …), so a
front end loads only the engines that task needs.
"""
