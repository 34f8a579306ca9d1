"""The data layer: every query and statement the service runs lives in this package.

One module per aggregate (cases, conversations, outbox, staff, alerts, reports, bulk, ...). Routes,
webhooks, commands, the worker and the domain call the named functions here; none of them builds or runs
a statement itself (``tests/test_architecture.py`` checks). Functions here never commit: the edge does
(a route, a command, one worker iteration), so a caller can put several of them in one transaction.
"""
