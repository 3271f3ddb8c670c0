"""talentbot gateway: the FastAPI app in front of Rasa (web widget, WeChat, JSON API)."""
