"""The Agents SDK objects for one running bot: connections, adapter and agent application."""

from __future__ import annotations

import re
from dataclasses import dataclass

from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentApplication,
    ChannelServiceClientFactoryBase,
    MemoryStorage,
    OutboundHostValidator,
    TurnState,
)
from microsoft_agents.hosting.core.authorization import AgentAuthConfiguration, AuthTypes

from bot.auth import BotFrameworkAuth, InboundAuth, LocalAuth
from bot.turn_clients import KeptClients
from bot.turns import READ_RECEIPT_EVENT, Turns
from config.settings import Settings


@dataclass(frozen=True)
class Agent:
    """What the HTTP layer needs to hand an activity to Paraat."""

    adapter: CloudAdapter
    application: AgentApplication[TurnState]
    auth: InboundAuth
    clients: KeptClients | None = None
    """The Teams clients kept between turns (None when a factory was handed in); closed when
    the app stops."""


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """The SDK's connection settings, built from Paraat's own (the SDK reads no environment)."""
    if settings.local_mode:
        return AgentAuthConfiguration(anonymous_allowed=True)
    secret = settings.app_password.get_secret_value() if settings.app_password else None
    certificate = str(settings.app_certificate) if settings.app_certificate else None
    return AgentAuthConfiguration(
        auth_type=AuthTypes.certificate if certificate else AuthTypes.client_secret,
        client_id=settings.app_id,
        tenant_id=settings.tenant_id,
        client_secret=None if certificate else secret,
        cert_pfx_file=certificate,
        validate_issuer=True,
    )


def build_agent(
    settings: Settings,
    turns: Turns,
    client_factory: ChannelServiceClientFactoryBase | None = None,
) -> Agent:
    """Wire the SDK to Paraat's turn handlers.

    Args:
        settings: Paraat's settings (local mode or an Entra app).
        turns: The handlers for each kind of activity.
        client_factory: Where replies go; None uses the SDK's REST connector, with its clients
            kept from turn to turn (:mod:`bot.turn_clients`; tests hand in a factory that points
            at a local Bot Connector).
    """
    configuration = auth_configuration(settings)
    connections = MsalConnectionManager(
        connections_configurations={"SERVICE_CONNECTION": configuration}
    )
    kept = KeptClients(connections) if client_factory is None else None
    adapter = CloudAdapter(
        connection_manager=connections,
        channel_service_client_factory=client_factory or kept,
        # Outside local mode only Microsoft's channel hosts may be a service URL.
        host_validator=OutboundHostValidator(enabled=not settings.local_mode),
    )
    adapter.on_turn_error = turns.on_error
    application = AgentApplication[TurnState](
        storage=MemoryStorage(), connection_manager=connections, start_typing_timer=False
    )
    application.activity("message")(turns.on_message)
    application.adaptive_card.action_execute(re.compile(r".+"))(turns.on_card_action)
    application.activity("installationUpdate")(turns.on_installation_update)
    # Routed by activity type: the SDK's conversation_update("<eventType>") raises on
    # event types other than members added/removed.
    application.activity("conversationUpdate")(turns.on_conversation_update)
    application.event(READ_RECEIPT_EVENT)(turns.on_read_receipt)
    application.error(turns.on_error)
    auth: InboundAuth = LocalAuth() if settings.local_mode else BotFrameworkAuth(configuration)
    return Agent(adapter, application, auth, kept)
