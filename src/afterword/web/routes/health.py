"""/healthz: for a service manager, a proxy or a monitor. No token: it says whether the database
answers, how long the queue is and which workers are alive, and nothing of anyone's."""

from fastapi import APIRouter, Response

from afterword.store.health import Health, check_health
from afterword.web.deps import StateDep

router = APIRouter(tags=["health"])
DOWN = 503


@router.get("/healthz", response_model=Health, responses={DOWN: {"model": Health}})
def healthz(state: StateDep, response: Response) -> Health:
    """200 while the database answers (status 'ok', or 'stalled' when jobs wait and no worker is
    alive); 503 when it does not."""
    health = check_health(state.db)
    response.status_code = DOWN if health.status == "down" else 200
    response.headers["Cache-Control"] = "no-store"
    return health
