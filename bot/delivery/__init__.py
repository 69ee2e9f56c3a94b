"""Every send to Telegram: split, rate-limit, classify the outcome once.

Handlers and jobs send only through here, and learn what became of a send from an Outcome:
TAKEN, NOT_TAKEN (certainly not there: safe to send again), AMBIGUOUS (sent, no answer: never
send again) or REFUSED (blocked, chat gone, migrated, too long), with its Reason. The rules
live in classify.py; PatientRateLimiter retries by the same rules.

- replies.py: answers to a command or a press, for handlers; a send not taken raises
  Telegram's error for the error handler, as before.
- posts.py: sends nobody waits on, for jobs; they return the Outcome and never raise it.
- notices.py: partner notices, by direct message or in the group.

Layers: handlers and jobs import delivery; delivery imports services (a chat that became a
supergroup is moved with membership.chat_migrated; partner notices ask partners), render (the
splitting of long texts, the partner notice), domain and context; never handlers or jobs.
Reading from Telegram (the admin check's getChatMember) stays with its handler.
"""

from bot.delivery.classify import StoppedWaiting, attempt, classify
from bot.delivery.notices import tell_partner
from bot.delivery.outcome import Kind, Outcome, Reason
from bot.delivery.posts import Part, TopicLost, direct, parts_of, post, send, topic_of
from bot.delivery.ratelimit import PatientRateLimiter, stop_signal
from bot.delivery.replies import (
    answer,
    edit,
    edit_message,
    reply,
    reply_document,
    reply_photo,
    say,
    set_commands,
    set_description,
)
from bot.delivery.topics import in_topic, topic_fallback

__all__ = [
    "Kind",
    "Outcome",
    "Part",
    "PatientRateLimiter",
    "Reason",
    "StoppedWaiting",
    "TopicLost",
    "answer",
    "attempt",
    "classify",
    "direct",
    "edit",
    "edit_message",
    "in_topic",
    "parts_of",
    "post",
    "reply",
    "reply_document",
    "reply_photo",
    "say",
    "send",
    "set_commands",
    "set_description",
    "stop_signal",
    "tell_partner",
    "topic_fallback",
    "topic_of",
]
