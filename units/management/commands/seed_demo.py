"""Load the demo data, then the other apps' demo loaders. Idempotent: `make run` calls it on every start."""

import importlib
import time

from django.core.management.base import BaseCommand

from units import demo

# Other apps' loaders, in dependency order; each looks up demo units by code.
DOWNSTREAM_LOADERS = ("accounts.demo", "campaigns.demo", "awards.demo", "reports.demo")


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
        for name in DOWNSTREAM_LOADERS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                self.stdout.write(f"{name}: not present yet, skipped.")
                continue
            module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s."))
