"""Load the demo data of every installed app, lowest layer first. Idempotent: `make run` calls it on every start."""

import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
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


def load_national(modules, *, provinces, schools_per_province, people_per_province, stdout) -> None:
    """The national scale's phases, each timed: units and people (``units.demo.generate_national``),
    then each app's ``load_national`` (the award history), then ``ANALYZE``."""
    step = time.monotonic()
    stdout.write(
        f"National scale: {provinces} provinces × {schools_per_province} schools, {people_per_province} people"
    )
    roots = demo.generate_national(
        provinces=provinces, schools=schools_per_province, people=people_per_province, stdout=stdout
    )
    stdout.write(f"Phase units and people: {time.monotonic() - step:.1f} s")
    for module in modules:
        if hasattr(module, "load_national"):
            step = time.monotonic()
            module.load_national(roots, stdout=stdout)
            stdout.write(f"Phase {module.__name__}.load_national: {time.monotonic() - step:.1f} s")
    step = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    stdout.write(f"Phase ANALYZE: {time.monotonic() - step:.1f} s")
    if roots:
        first, last = demo.province_prefix(roots[0]), demo.province_prefix(roots[-1])
        stdout.write(f"Sở officers of the added provinces: {first}.tdkt … {last}.tdkt (password {demo.DEMO_PASSWORD})")


class Command(BaseCommand):
    help = "Load the demo units, people, clusters and accounts (skips what exists), then the other apps' demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "province", "national"],
            default="demo",
            help="'province' also generates about 1,000 units and 30,000 people for benchmarks, with accounts "
            "at every level and each app's data for them; 'national' (PostgreSQL only) then adds 33 more "
            "provinces, about 45,000 schools and 1.6 million people with five years of award history, by COPY.",
        )
        parser.add_argument("--units", type=int, default=1000, help="Units of the generated province.")
        parser.add_argument("--people", type=int, default=30000, help="People of the generated province.")
        parser.add_argument("--provinces", type=int, default=33, help="National scale: provinces added.")
        parser.add_argument(
            "--schools-per-province", type=int, default=1330, help="National scale: schools of each added province."
        )
        parser.add_argument(
            "--people-per-province", type=int, default=47000, help="National scale: people of each added province."
        )

    def handle(self, *args, scale, units, people, **options):
        if scale == "national" and connection.vendor != "postgresql":
            # Millions of rows go in through COPY, which only PostgreSQL has; a SQLite file
            # of that size would not tell anything about the pages anyway.
            raise CommandError(
                "--scale national needs PostgreSQL (set DATABASE_URL=postgres://…); this database is "
                f"{connection.vendor}."
            )
        started = time.monotonic()
        demo.load(stdout=self.stdout)
        province = None
        if scale in ("province", "national"):
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
        if scale == "national":
            load_national(
                modules,
                provinces=options["provinces"],
                schools_per_province=options["schools_per_province"],
                people_per_province=options["people_per_province"],
                stdout=self.stdout,
            )
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
