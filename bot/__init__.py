"""Accountability-group bot for Telegram: SMART goals, milestones and celebrations."""
