"""Providers: the services that carry a message the last mile, behind two small interfaces.

- ``SmsProvider.send(to, body, reference) -> provider_id``: Twilio (``twilio_sms``), the local outbox
  used in development (``local_outbox``) and an in-memory fake for tests (``fake``).
- ``EmailProvider.send(message) -> provider_id``: SMTP (``smtp``) and the local outbox.

Every provider raises only the errors in ``errors`` (transient, permanent, opted out), so the delivery
worker treats them all alike and a new provider (GOV.UK Notify) is one more module and one more entry in
``choose``. Nothing here touches the database or retries: the worker (``intake.delivery``) decides that.
"""
