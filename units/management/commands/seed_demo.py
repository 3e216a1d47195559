"""Load the demo data of every installed app, lowest layer first. Idempotent: `make run` calls it on every start."""

import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

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


class Command(BaseCommand):
    help = "Load the demo units, people, clusters and accounts (skips what exists), then the other apps' demo data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["demo", "province"],
            default="demo",
            help="'province' also generates about 1,000 units and 30,000 people for benchmarks.",
        )

    def handle(self, *args, scale, **options):
        started = time.monotonic()
        demo.load(stdout=self.stdout)
        if scale == "province":
            demo.generate_province(stdout=self.stdout)
        # Import them all before loading any: a module may hook into a lower one's loader.
        for module in list(demo_modules()):
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
