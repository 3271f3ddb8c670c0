"""Watching the gateway run: JSON logs with a request id per turn, and Prometheus metrics.

- `logs`: the gateway's log set-up (`configure_logging`, called where the production app is built:
  `uvicorn bot.app:app`, `python -m bot`) and the salt of the sender pseudonyms; the format itself is
  `talentbot_rasa.jsonlog`, shared with Rasa and the action server so one request id can be followed
  through the three services' logs.
- `middleware`: gives every HTTP request a request id (a sane `X-Request-ID` from the client or a
  proxy is kept), echoes it, writes one access line without the query string (WeChat puts the
  openid there) and times the hotline assistant's calls.
- `metrics`: the gateway's metrics in the app's own registry (turn latency by channel, fallbacks,
  handoffs, Rasa and action errors, WeChat late replies, assist latency).
- `endpoint`: `GET /metrics`, for loopback, a staff session or the configured scrape token only.

Submodules are imported by name; this package imports nothing so that the supervisor can use
`logs` without loading FastAPI or prometheus_client.
"""
