"""Pure rules and data classes: no Telegram, no storage, no clock."""
