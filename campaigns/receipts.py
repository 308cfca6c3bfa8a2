"""Read receipts from Teams: how far a person has read in their personal chat with Paraat.

Teams sends them only for personal chats, and only when the app has the resource-specific
permission ``ChatMessageReadReceipt.Read.Chat`` and the person has read receipts on. The edge
hands over what the activity says (its conversation, its scope, the ``lastReadMessageId`` of its
value); nothing in the value is taken as identity.
"""

from __future__ import annotations

import logging

from campaigns.rules.receipts import message_number
from store.receipts import ReceiptStore

logger = logging.getLogger(__name__)


class ReadReceipts:
    """Keeps the last message read per personal chat, for the campaigns' "read" figure."""

    def __init__(self, store: ReceiptStore) -> None:
        """Keep receipts in ``store``."""
        self._store = store

    async def received(
        self, conversation_id: str, scope: str, last_read_message_id: object
    ) -> bool:
        """Record a read receipt.

        Args:
            conversation_id: The chat the receipt came from (the activity's conversation).
            scope: ``personal``, ``team`` or ``groupChat``, from the activity.
            last_read_message_id: The ``lastReadMessageId`` Teams sent.

        Returns:
            True when the chat's receipt moved forward; False when the receipt was ignored (not
            a personal chat, no usable message id) or an equal or later one was kept already.
        """
        if scope != "personal" or not conversation_id:
            logger.info("Ignored a read receipt from a %s conversation.", scope)
            return False
        number = message_number(last_read_message_id)
        if number is None:
            logger.info("Ignored a read receipt whose message id is not a number.")
            return False
        return await self._store.record(conversation_id, number)
