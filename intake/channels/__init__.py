"""Channels: thin adapters (SMS webhooks, web chat) around the conversation engine."""
