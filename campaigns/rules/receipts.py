"""When a campaign message counts as read, from Teams' read receipts.

In a personal chat Teams tells the bot the id of the last message the person read
(``lastReadMessageId`` in the ``application/vnd.microsoft.readReceipt`` event). Message ids in
personal chats are increasing numbers, so every message whose id is at or before that one was
read. Microsoft's own SDK helpers (``ReadReceiptInfo.is_message_read``) compare the ids as
integers and call a message unread when either id is not a number; Paraat does the same, so an
id it does not understand never counts as read.
"""

from __future__ import annotations

LONGEST_ID = 18
"""Digits at most: every such number fits a signed 64-bit column (Teams' ids have 13)."""


def message_number(message_id: object) -> int | None:
    """The number a Teams message id stands for, or None when it is not a plain number.

    Args:
        message_id: A message id as Teams gave it (a string of digits in personal chats).

    Returns:
        The id as a number; None for anything else (letters, signs, spaces inside, more than
        :data:`LONGEST_ID` digits, non-ASCII digits, a boolean).
    """
    if isinstance(message_id, bool):
        return None
    if isinstance(message_id, int):
        return message_id if 0 <= message_id < 10**LONGEST_ID else None
    if not isinstance(message_id, str):
        return None
    text = message_id.strip()
    if not text or len(text) > LONGEST_ID or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def is_read(message_id: str | None, last_read: int | None) -> bool:
    """Whether a message was read, given the last message read in its chat.

    Args:
        message_id: The message Paraat posted.
        last_read: The number of the last message read in that chat (None: no receipt yet).

    Returns:
        True when both are known and the message is at or before the last one read.
    """
    number = message_number(message_id)
    return number is not None and last_read is not None and number <= last_read
