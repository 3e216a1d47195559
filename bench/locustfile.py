"""Locust: the portal's people at work, for bench/load.py (which starts it headless against the stack).

Each simulated user logs in once with an account of its persona (LOAD_ACCOUNTS: a JSON file of
{"username", "persona"} rows written by bench/load.py; password LOAD_PASSWORD) and then opens the pages
that persona opens, with a think time between pages. Every request is also appended to LOAD_EVENTS
(time, page, ms, ok) so that the runner can cut the run into phases (before and after each fault).

A request fails when the answer is not the one a person expects: any status other than 200 (a login:
other than the redirect to the home page), or a login page where a page was asked for.
"""

import itertools
import json
import os
import threading
import time
from pathlib import Path

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "ThiDua@2025")
ACCOUNTS = (
    json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text(encoding="utf-8")) if "LOAD_ACCOUNTS" in os.environ else []
)
_cycles = {
    persona: itertools.cycle([a["username"] for a in ACCOUNTS if a["persona"] == persona])
    for persona in {a["persona"] for a in ACCOUNTS}
}
_lock = threading.Lock()
_events = open(os.environ.get("LOAD_EVENTS", os.devnull), "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - open for the whole run


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kwargs):
    with _lock:
        _events.write(f"{time.time():.3f}\t{name}\t{response_time:.1f}\t{0 if exception else 1}\n")


def _username(persona: str) -> str:
    with _lock:
        return next(_cycles[persona])


class Portal(HttpUser):
    abstract = True
    persona = ""
    wait_time = between(3, 10)

    def on_start(self):
        self.log_in()

    def log_in(self):
        self.client.get("/dang-nhap/", name="login page")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/dang-nhap/",
            {"username": _username(self.persona), "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/dang-nhap/" in response.headers.get("Location", ""):
                response.failure(f"login refused ({response.status_code})")

    def page(self, url: str, name: str):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif "/dang-nhap/" in response.url:
                response.failure("sent back to the login page")
                self.log_in()  # as a person would, after a failed login or a lost session


class Clerk(Portal):
    """A school's clerk: the to-do page, the campaigns, the notifications, the staff list."""

    persona = "clerk"
    weight = 6

    @task(4)
    def home(self):
        self.page("/", "home")

    @task(2)
    def campaigns(self):
        self.page("/phong-trao/", "campaigns")

    @task(1)
    def notifications(self):
        self.page("/thong-bao/", "notifications")

    @task(1)
    def people(self):
        self.page("/ca-nhan/", "people")


class Officer(Portal):
    """A Phòng/Sở officer: the dashboard, the units, the award search, the dossiers, an export."""

    persona = "officer"
    weight = 3

    @task(3)
    def home(self):
        self.page("/", "home")

    @task(3)
    def dashboard(self):
        self.page("/van-ban/tong-hop/", "dashboard (replica)")

    @task(2)
    def units(self):
        self.page("/don-vi/", "units")

    @task(2)
    def search(self):
        self.page("/khen-thuong/tra-cuu/?q=nguyen", "award search (replica)")

    @task(1)
    def dossiers(self):
        self.page("/ho-so/", "dossier rounds")

    @task(1)
    def export(self):
        self.page("/van-ban/tong-hop.xlsx", "dashboard export (replica)")


class Leader(Portal):
    """A leader: the dashboard and the fairness report, read only."""

    persona = "leader"
    weight = 1

    @task(3)
    def dashboard(self):
        self.page("/van-ban/tong-hop/", "dashboard (replica)")

    @task(1)
    def fairness(self):
        self.page("/van-ban/tong-hop/cong-bang/", "fairness report (replica)")

    @task(1)
    def home(self):
        self.page("/", "home")
