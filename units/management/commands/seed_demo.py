"""Load the demo data of every installed app, lowest layer first. Idempotent: `make run` calls it on every start."""

import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection

from units import demo


def demo_modules():
    """Each installed app's ``demo`` module, in INSTALLED_APPS order (which is the layer order).

    Found through the app registry, the way Django finds ``admin`` modules, so that no app
    names the apps that build on it.
    """
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name != "units" and find_spec(config.name) and find_spec(name):
            yield import_module(name)


def load_province(province, *, modules=None, stdout=None) -> None:
    """Each app's part for a generated province (``<app>.demo.load_province``), lowest layer first,
    then ``ANALYZE`` on PostgreSQL so that the planner knows the new tables' sizes."""
    for module in modules if modules is not None else list(demo_modules()):
        if hasattr(module, "load_province"):
            step = time.monotonic()
            module.load_province(province, stdout=stdout)
            if stdout is not None:
                stdout.write(f"  {module.__name__}.load_province: {time.monotonic() - step:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class Command(BaseCommand):
    help = "Load the demo units, people, clusters and accounts (skips what exists), then the other apps' demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "province"],
            default="demo",
            help="'province' also generates about 1,000 units and 30,000 people for benchmarks, with accounts "
            "at every level and each app's data for them.",
        )
        parser.add_argument("--units", type=int, default=1000, help="Units of the generated province.")
        parser.add_argument("--people", type=int, default=30000, help="People of the generated province.")

    def handle(self, *args, scale, units, people, **options):
        started = time.monotonic()
        demo.load(stdout=self.stdout)
        province = None
        if scale == "province":
            province = demo.generate_province(units=units, people=people, stdout=self.stdout)
        # Import them all before loading any: a module may hook into a lower one's loader.
        modules = list(demo_modules())
        for module in modules:
            module.load(stdout=self.stdout)
        if province is not None:
            load_province(province, modules=modules, stdout=self.stdout)
            self.stdout.write(f"Logins of the generated province (password {demo.DEMO_PASSWORD}):")
            for persona, username in demo.province_logins(province).items():
                self.stdout.write(f"  {persona:<14} {username}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
