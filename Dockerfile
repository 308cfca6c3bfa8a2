# Paraat as a container: `paraat serve` as a non-root user, with a health check on /healthz.
# Run `paraat db upgrade` once per release before the bots start (docs/compose.example.yaml,
# docs/operations.md "Running in a container").
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Chromium prints the teams' outage cards as PDF (docs/decisions.md #32); without it the bot
# hands out the same page as HTML.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 paraat \
 && useradd --system --uid 10001 --gid paraat --create-home --home-dir /home/paraat paraat

# The same install as `make run` (scripts/setup.sh): this pyproject with the same extras, so
# the container runs on exactly the dependency set that is developed and tested.
COPY . /src
RUN python -m pip install --upgrade pip \
 && python -m pip install '/src[dev]' \
 && rm -rf /src

USER paraat
WORKDIR /home/paraat

# Outside local mode Paraat listens on every address (behind your TLS proxy); local mode
# refuses anything but loopback, so a container needs PARAAT_APP_ID and the other secrets.
ENV PARAAT_HOST=0.0.0.0 \
    PARAAT_PORT=3978 \
    PARAAT_DATA_DIR=/home/paraat/var \
    PARAAT_LOG_FORMAT=json
EXPOSE 3978

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PARAAT_PORT', '3978') + '/healthz', timeout=4)"]

# SIGTERM stops Paraat gracefully within PARAAT_STOP_SECONDS (20): give the container engine a
# longer stop timeout than that (compose: stop_grace_period; Kubernetes: terminationGracePeriod).
STOPSIGNAL SIGTERM
CMD ["paraat", "serve"]
