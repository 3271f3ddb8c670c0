"""Route modules of the review feature; bot/review/router.py gathers them into one APIRouter."""
