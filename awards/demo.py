"""Demo award history: five school years (2021–2022 … 2025–2026) for the people and
units of the demo provinces, shaped so that every rule has pass and fail cases.

``load()`` is called by the demo seeder after the units exist. It finds the demo
roots by code (a missing code is skipped quietly), walks the people of each subtree
in Vietnamese name order and gives each one a *pattern* (a three-year CSTĐCS chain,
a gap year, a thematic title inside a chain, an initiative already used, discipline
ending mid-year, maternity leave, long sick leave, years of service for the Kỷ niệm
chương…). Units alternate between a strong collective (TTLĐXS, two excellent years)
and a weak one (fewer than 70% LĐTT, a member disciplined at "cảnh cáo").
Idempotent: a subtree that already has demo records is left alone.
"""

import datetime
from itertools import count

from django.core.exceptions import ValidationError
from django.db import transaction

from awards import services
from awards.enums import RecordSource, RuleKind, Subject
from awards.models import Award, AwardRecord, AwardRule, Initiative, TaskRatingRecord
from units import services as unit_services
from units.enums import Gender
from units.models import Person, Unit

ROOT_CODES = ("SGDDT-BENTRE", "PGDDT-DONGTRIEU", "THCS-XUANSON", "SGDDT-HUNGYEN", "UBND-BANGMAC", "SGDDT-LANGSON")
YEARS = (2021, 2022, 2023, 2024, 2025)
D = datetime.date

PATTERNS = (
    "chain_pass",  # CSTĐCS 2023–2025 + provincial initiative → CSTĐ cấp tỉnh eligible
    "chain_gap",  # CSTĐCS 2022, 2023, 2025: gap in 2024
    "thematic_in_chain",  # CSTĐCS 2024 recorded as thematic: does not count
    "initiative_used",  # provincial initiative already used for a Bằng khen
    "discipline_mid_year",  # reprimand 01/10/2024–15/01/2025
    "maternity",  # maternity leave in 2025–2026, still LĐTT
    "sick_leave",  # 60 working days of sick leave in 2025–2026
    "knc_pass",  # in the sector since 2001
    "knc_hardship",  # since 2011, 6 years in a disadvantaged area
    "completed_only",  # rated "hoàn thành nhiệm vụ" in 2025–2026
    "bk_initiatives",  # two excellent years and two unit-level initiatives
    "pending_inspection",  # inspection running since 01/5/2026
    "national",  # CSTĐ cấp tỉnh 2022 and 2025, national initiative
    "plain",  # LĐTT every year, rated good
)


class _Writer:
    """Writes through the services; a refused fact (e.g. before the person joined) is skipped."""

    def __init__(self):
        self.awards = {a.code: a for a in Award.objects.all()}
        self.numbers: dict[tuple, str] = {}
        self.counters: dict[tuple, count] = {}
        self.skipped = 0
        self.written = 0

    def _number(self, issuer: str, symbol: str, date: datetime.date, key) -> str:
        full_key = (issuer, date.year, key)
        if full_key not in self.numbers:
            counter = self.counters.setdefault((issuer, date.year), count(101))
            self.numbers[full_key] = f"{next(counter)}/{symbol}"
        return self.numbers[full_key]

    def call(self, func, **kwargs):
        try:
            with transaction.atomic():
                result = func(**kwargs)
        except ValidationError:
            self.skipped += 1
            return None
        self.written += 1
        return result

    def give(self, code, year, *, person=None, unit, issuer, symbol, award_type="merit", initiatives=(), day=None):
        date = day or D(year + 1, 5, 25)
        number = self._number(issuer, symbol, date, (code, unit.pk, award_type))
        record = self.call(
            services.award_record_create,
            award=self.awards[code],
            person=person,
            unit=unit,
            school_year=year,
            award_type=award_type,
            decision_number=number,
            decision_date=date,
            issuer=issuer,
            actor=None,
            initiatives=initiatives,
            source=RecordSource.DEMO,
        )
        return record

    def rate(self, year, rating, *, unit, person=None):
        record = self.call(
            services.task_rating_set, person=person, unit=unit, school_year=year, rating=rating, actor=None
        )
        if record is not None:
            TaskRatingRecord.objects.filter(pk=record.pk).update(source=RecordSource.DEMO)

    def initiative(self, person, title, scope, year, issuer):
        date = D(year + 1, 4, 15)
        initiative = self.call(
            services.initiative_create,
            person=person,
            title=title,
            effect_scope=scope,
            school_year=year,
            recognised_by=issuer,
            decision_number=self._number(issuer, "QĐ-SK", date, ("initiative", person.pk, title)),
            decision_date=date,
            actor=None,
        )
        if initiative is not None:
            Initiative.objects.filter(pk=initiative.pk).update(source=RecordSource.DEMO)
        return initiative


_ISSUERS: dict[int, tuple[str, str]] = {}


def _issuers(unit: Unit, root: Unit) -> tuple[str, str]:
    """The unit directly above (which decides its LĐTT, CSTĐCS) and its document symbol."""
    if unit.pk not in _ISSUERS:
        parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first() if unit.depth > 1 else None
        parent = parent or root
        _ISSUERS[unit.pk] = (parent.name, f"QĐ-{(parent.short_name or parent.code).replace(' ', '')}")
    return _ISSUERS[unit.pk]


def _person_history(w: _Writer, person: Person, pattern: str, root: Unit, *, weak_2024: bool, weak_unit: bool) -> None:
    unit = person.unit
    local, symbol = _issuers(unit, root)
    province, province_symbol = "Ủy ban nhân dân tỉnh", "QĐ-UBND"
    ministry, ministry_symbol = "Bộ Giáo dục và Đào tạo", "QĐ-BGDĐT"
    ratings = dict.fromkeys(YEARS, "good")
    ldtt = set(YEARS) - ({2024} if weak_2024 else set())
    cstdcs: dict[int, str] = {}

    if pattern in ("knc_pass", "knc_hardship"):
        start = 2001 if pattern == "knc_pass" else 2011
        if person.birth_date:
            start = max(start, person.birth_date.year + 18)
        w.call(unit_services.person_update, person=person, actor=None, sector_start_year=start)
        person.refresh_from_db()
        if pattern == "knc_hardship":
            w.call(
                services.service_period_create,
                person=person,
                kind="hardship_area",
                start=D(2011, 9, 1),
                end=D(2017, 8, 31),
                actor=None,
                note="Điểm trường vùng đặc biệt khó khăn",
            )
    if pattern == "chain_pass":
        ratings.update({2023: "excellent", 2024: "excellent", 2025: "excellent"})
        cstdcs = {2023: "merit", 2024: "merit", 2025: "merit"}
        w.initiative(
            person,
            f"Đổi mới sinh hoạt chuyên môn theo nghiên cứu bài học — {person.full_name}",
            "province",
            2024,
            "Sở Giáo dục và Đào tạo",
        )
    elif pattern == "chain_gap":
        ratings.update({2022: "excellent", 2023: "excellent", 2025: "excellent"})
        cstdcs = {2022: "merit", 2023: "merit", 2025: "merit"}
        w.initiative(
            person,
            f"Dạy học STEM với vật liệu tái chế — {person.full_name}",
            "province",
            2025,
            "Sở Giáo dục và Đào tạo",
        )
    elif pattern == "thematic_in_chain":
        ratings.update({2023: "excellent", 2025: "excellent"})
        cstdcs = {2023: "merit", 2024: "thematic", 2025: "merit"}
    elif pattern == "initiative_used":
        ratings.update({2023: "excellent", 2024: "excellent", 2025: "excellent"})
        cstdcs = {2023: "merit", 2024: "merit", 2025: "merit"}
        used = w.initiative(
            person, f"Chuyển đổi số công tác chủ nhiệm — {person.full_name}", "province", 2024, "Sở Giáo dục và Đào tạo"
        )
        w.give(
            "BK_TINH",
            2024,
            person=person,
            unit=unit,
            issuer=province,
            symbol=province_symbol,
            initiatives=[used] if used else [],
        )
    elif pattern == "discipline_mid_year":
        ldtt.discard(2024)
        ratings[2024] = "completed"
        w.call(
            services.restriction_create,
            person=person,
            unit=unit,
            kind="discipline",
            level="reprimand",
            start=D(2024, 10, 1),
            end=D(2025, 1, 15),
            decision_number="7/QĐ-KL",
            actor=None,
        )
    elif pattern == "maternity" and person.gender == Gender.FEMALE:
        w.call(
            services.service_period_create,
            person=person,
            kind="maternity",
            start=D(2025, 10, 1),
            end=D(2026, 3, 31),
            actor=None,
        )
    elif pattern in ("sick_leave", "maternity"):
        w.call(
            services.service_period_create,
            person=person,
            kind="sick_leave",
            start=D(2026, 1, 5),
            end=D(2026, 3, 31),
            actor=None,
        )
    elif pattern == "completed_only":
        ratings[2025] = "completed"
        ldtt.discard(2025)
    elif pattern == "bk_initiatives":
        ratings.update({2024: "excellent", 2025: "excellent"})
        w.initiative(person, f"Sổ tay điện tử lớp học — {person.full_name}", "unit", 2024, unit.name)
        w.initiative(person, f"Ngân hàng câu hỏi trực tuyến — {person.full_name}", "unit", 2025, unit.name)
    elif pattern == "pending_inspection":
        w.call(
            services.restriction_create, person=person, unit=unit, kind="inspection", start=D(2026, 5, 1), actor=None
        )
    elif pattern == "national":
        ratings.update(dict.fromkeys(YEARS, "excellent"))
        cstdcs = {2021: "merit", 2022: "merit", 2023: "merit", 2024: "merit"}
        w.give("CSTD_TINH", 2022, person=person, unit=unit, issuer=province, symbol=province_symbol)
        w.give("CSTD_BO", 2025, person=person, unit=unit, issuer=ministry, symbol=ministry_symbol, day=D(2026, 5, 30))
        w.initiative(person, f"Mô hình trường học số — {person.full_name}", "national", 2025, ministry)
    for year, rating in ratings.items():
        w.rate(year, rating, unit=unit, person=person)
    for year in sorted(ldtt):
        if year == 2025 and pattern in ("chain_pass", "chain_gap", "initiative_used", "plain"):
            continue  # 2025–2026 not decided yet: the suggestions find them
        w.give("LDTT", year, person=person, unit=unit, issuer=local, symbol=symbol)
    if weak_unit:
        cstdcs.pop(2024, None)  # a weak collective has no CSTĐCS in 2024–2025
    for year, award_type in sorted(cstdcs.items()):
        w.give("CSTDCS", year, person=person, unit=unit, issuer=local, symbol=symbol, award_type=award_type)


def _unit_history(w: _Writer, unit: Unit, root: Unit, strong: bool, members: list[Person]) -> None:
    province, province_symbol = "Ủy ban nhân dân tỉnh", "QĐ-UBND"
    local, symbol = _issuers(unit, root)
    for year in YEARS:
        w.rate(year, "excellent" if strong and year >= 2023 else "good", unit=unit)
    if strong:
        w.give("TTLDTT", 2022, unit=unit, issuer=local, symbol=symbol)
        w.give("TTLDXS", 2023, unit=unit, issuer=province, symbol=province_symbol)
    elif members:
        # A weak collective: a member disciplined at "cảnh cáo" (and few LĐTT in 2024–2025).
        w.call(
            services.restriction_create,
            person=members[-1],
            unit=unit,
            kind="discipline",
            level="warning",
            start=D(2024, 11, 1),
            end=D(2025, 5, 31),
            decision_number="12/QĐ-KL",
            actor=None,
        )
        w.rate(2024, "not_completed", unit=unit, person=members[-1])


def _local_rules(root: Unit) -> None:
    if root.code != "SGDDT-BENTRE" or AwardRule.objects.filter(scope=root).exists():
        return
    cstdcs, ldtt = Award.objects.get(code="CSTDCS"), Award.objects.get(code="LDTT")
    services.rule_create(
        award=cstdcs,
        kind=RuleKind.QUOTA,
        params={"percent": 15, "of": "LDTT"},
        description="Số Chiến sĩ thi đua cơ sở không quá 15% số Lao động tiên tiến của đơn vị",
        document="Hướng dẫn 6980/HD-UBND (ví dụ quy định riêng của tỉnh)",
        valid_from=D(2024, 9, 1),
        scope=root,
        applies_to=Subject.INDIVIDUAL,
        citation_confirmed=False,
        actor=None,
    )
    services.rule_create(
        award=ldtt,
        kind=RuleKind.DEADLINE,
        params={"month": 7, "day": 10},
        description="Hồ sơ theo năm học gửi trước ngày 10/7",
        document="Hướng dẫn 6980/HD-UBND (ví dụ quy định riêng của tỉnh)",
        valid_from=D(2024, 9, 1),
        scope=root,
        citation_confirmed=False,
        actor=None,
    )


@transaction.atomic
def load(*, stdout=None) -> dict:
    """Attach the demo history to every demo root found; returns counts per root code."""
    writer = _Writer()
    _ISSUERS.clear()
    loaded = {}
    for code in ROOT_CODES:
        root = Unit.objects.filter(code=code).first()
        if root is None:
            continue
        if AwardRecord.objects.filter(source=RecordSource.DEMO, unit__path__startswith=root.path).exists():
            continue
        _local_rules(root)
        people = list(
            Person.objects.filter(unit__path__startswith=root.path, is_active=True)
            .select_related("unit")
            .order_by("unit__path", "name_sort", "pk")
        )
        by_unit: dict[int, list[Person]] = {}
        for person in people:
            by_unit.setdefault(person.unit_id, []).append(person)
        units = {u.pk: u for u in Unit.objects.filter(pk__in=by_unit)}
        ordered = sorted(by_unit, key=lambda pk: units[pk].path)
        strong = {pk for index, pk in enumerate(ordered) if index % 2 == 0}
        # In a weak unit half of the people miss LĐTT in 2024–2025 (below the 70% of TTLĐTT).
        weak_2024 = {p.pk for pk in ordered if pk not in strong for p in by_unit[pk][: max(len(by_unit[pk]) // 2, 1)]}
        before = writer.written
        for index, person in enumerate(people):
            pattern = PATTERNS[index % len(PATTERNS)]
            _person_history(
                writer,
                person,
                pattern,
                root,
                weak_2024=person.pk in weak_2024,
                weak_unit=person.unit_id not in strong,
            )
        for unit_id in ordered:
            _unit_history(writer, units[unit_id], root, unit_id in strong, by_unit[unit_id])
        loaded[code] = writer.written - before
        if stdout is not None:
            stdout.write(f"Khen thưởng mẫu: {code}: {len(people)} người, {loaded[code]} bản ghi")
    return loaded


# --- The generated province (``seed_demo --scale province``) ---------------------------------


def load_province(province: Unit, *, stdout=None) -> dict:
    """Five school years (``YEARS``) of history for every school of the generated province, in bulk:
    task ratings of people and schools, LĐTT/CSTĐCS with their Phòng's decisions (the year being
    judged, the last, not decided yet), initiatives and a little discipline.
    Idempotent: a province that already has demo records is left alone."""
    if AwardRecord.objects.filter(source=RecordSource.DEMO, unit__path__startswith=province.path).exists():
        if stdout is not None:
            stdout.write("Province award history already there.")
        return {}
    with transaction.atomic():
        counts = province_history(province, source=RecordSource.DEMO)
    if stdout is not None:
        stdout.write("Province award history: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return counts


def province_history(root: Unit, *, source: str = RecordSource.DEMO, years=YEARS) -> dict:
    """The rows of ``load_province`` (also used by ``bench/awards_suggestions.py``)."""
    import random

    from awards.models import Decision, Restriction
    from common.text import fold

    rng = random.Random(11)
    awards = {a.code: a for a in Award.objects.filter(code__in=("LDTT", "CSTDCS"))}
    schools = {u.pk: u for u in Unit.objects.filter(path__startswith=root.path, people__isnull=False).distinct()}
    parents = {u.path: u for u in Unit.objects.filter(path__startswith=root.path, numchild__gt=0)}
    people = list(Person.objects.filter(unit__in=schools.values()).values_list("pk", "unit_id", "sector_start_year"))
    decisions = {}
    judged = years[-1]
    for school in schools.values():
        parent = parents.get(school.path[: -Unit.steplen]) or school
        for year in years[:-1]:
            for code in ("LDTT", "CSTDCS"):
                number = f"{school.pk}{year % 100}{1 if code == 'LDTT' else 2}/QĐ-PGDĐT"
                decisions[(school.pk, year, code)] = Decision(
                    number=number,
                    date=D(year + 1, 5, 25),
                    year=year + 1,
                    issuer=parent.name,
                    issuer_unit=parent,
                    issuer_key=fold(parent.name),
                    number_key=fold(number),
                    source=source,
                )
    Decision.objects.bulk_create(decisions.values(), batch_size=1000)
    ratings, records, initiatives, restrictions = [], [], [], []
    for pk, unit_id, start in people:
        for year in years:
            if start and year + 1 < start:
                continue
            roll = rng.random()
            rating = "excellent" if roll < 0.3 else "good" if roll < 0.9 else "completed"
            ratings.append(
                TaskRatingRecord(person_id=pk, unit_id=unit_id, school_year=year, rating=rating, source=source)
            )
            if year == judged:
                continue  # the year being judged: not decided yet
            if rating != "completed":
                records.append(
                    AwardRecord(
                        award=awards["LDTT"],
                        person_id=pk,
                        unit_id=unit_id,
                        school_year=year,
                        decision=decisions[(unit_id, year, "LDTT")],
                        source=source,
                    )
                )
            if rating == "excellent":
                records.append(
                    AwardRecord(
                        award=awards["CSTDCS"],
                        person_id=pk,
                        unit_id=unit_id,
                        school_year=year,
                        award_type="merit" if rng.random() < 0.95 else "thematic",
                        decision=decisions[(unit_id, year, "CSTDCS")],
                        source=source,
                    )
                )
        if rng.random() < 0.1:
            title = f"Sáng kiến đổi mới phương pháp dạy học số {pk}"
            initiatives.append(
                Initiative(
                    person_id=pk,
                    unit_id=unit_id,
                    title=title,
                    title_search=fold(title),
                    effect_scope=rng.choice(["unit", "unit", "province"]),
                    school_year=rng.choice(years[-3:]),
                    recognised_by="Sở Giáo dục và Đào tạo",
                    decision_number=f"{pk}/QĐ-SGDĐT",
                    decision_date=D(judged, 4, 1),
                    source=source,
                )
            )
        if rng.random() < 0.02:
            restrictions.append(
                Restriction(
                    person_id=pk,
                    unit_id=unit_id,
                    kind="discipline",
                    level=rng.choice(["reprimand", "warning"]),
                    start=D(judged, 10, 1),
                    end=D(judged + 1, 1, 31),
                    source=source,
                )
            )
    for school in schools.values():
        for year in years:
            ratings.append(
                TaskRatingRecord(
                    unit=school, school_year=year, rating=rng.choice(["excellent", "good", "good"]), source=source
                )
            )
    TaskRatingRecord.objects.bulk_create(ratings, batch_size=2000)
    AwardRecord.objects.bulk_create(records, batch_size=2000)
    Initiative.objects.bulk_create(initiatives, batch_size=2000)
    Restriction.objects.bulk_create(restrictions, batch_size=2000)
    return {
        "schools": len(schools),
        "people": len(people),
        "ratings": len(ratings),
        "award_records": len(records),
        "initiatives": len(initiatives),
        "restrictions": len(restrictions),
    }


def load_national(roots: list[Unit], *, stdout=None) -> dict:
    """``province_history``'s five years for each national-scale province (``seed_demo --scale
    national``), written with COPY: the same shape per person and school, at 1.6 million people.
    Idempotent per province: one that already has demo records is left alone."""
    import time

    totals: dict[str, int] = {}
    for root in roots:
        if AwardRecord.objects.filter(source=RecordSource.DEMO, unit__path__startswith=root.path).exists():
            if stdout is not None:
                stdout.write(f"  {root.code}: award history already there.")
            continue
        started = time.monotonic()
        with transaction.atomic():
            counts = national_history(root)
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        if stdout is not None:
            stdout.write(
                f"  {root.code}: "
                + ", ".join(f"{v} {k}" for k, v in counts.items())
                + f" in {time.monotonic() - started:.1f} s"
            )
    return totals


def national_history(root: Unit, *, years=YEARS) -> dict:
    """``province_history`` for one province through ``common.bulk.copy_rows``: tuples, no model
    instances, the decisions' ids read back by their numbers (unique: they carry the school's id)."""
    import random

    from awards.models import Decision, Restriction
    from common.bulk import copy_rows
    from common.text import fold

    source = str(RecordSource.DEMO)
    rng = random.Random(root.code)
    awards = dict(Award.objects.filter(code__in=("LDTT", "CSTDCS")).values_list("code", "pk"))
    schools = dict(
        Unit.objects.filter(path__startswith=root.path, people__isnull=False).distinct().values_list("pk", "path")
    )
    parents = dict(Unit.objects.filter(path__startswith=root.path, numchild__gt=0).values_list("path", "pk"))
    names = dict(Unit.objects.filter(pk__in=parents.values()).values_list("pk", "name"))
    judged = years[-1]
    wanted = {}
    rows = []
    for school, path in schools.items():
        parent = parents.get(path[: -Unit.steplen], school)
        issuer = names.get(parent, "")
        issuer_key = fold(issuer)
        for year in years[:-1]:
            for code in ("LDTT", "CSTDCS"):
                number = f"{school}{year % 100}{1 if code == 'LDTT' else 2}/QĐ-PGDĐT"
                wanted[number] = (school, year, code)
                rows.append((number, D(year + 1, 5, 25), year + 1, issuer, parent, fold(number), issuer_key, source))
    fields = ("number", "date", "year", "issuer", "issuer_unit_id", "number_key", "issuer_key", "source")
    copy_rows(Decision, fields, rows)
    decisions = {}
    for pk, number in Decision.objects.filter(issuer_unit_id__in=set(parents.values()), source=source).values_list(
        "pk", "number"
    ):
        if number in wanted:
            decisions[wanted[number]] = pk
    people = list(Person.objects.filter(unit__in=schools).values_list("pk", "unit_id", "sector_start_year"))
    ratings, records, initiatives, restrictions = [], [], [], []
    ldtt, cstdcs = awards["LDTT"], awards["CSTDCS"]
    for pk, unit_id, start in people:
        for year in years:
            if start and year + 1 < start:
                continue
            roll = rng.random()
            rating = "excellent" if roll < 0.3 else "good" if roll < 0.9 else "completed"
            ratings.append((pk, unit_id, year, rating, source))
            if year == judged:
                continue  # the year being judged: not decided yet
            if rating != "completed":
                records.append((ldtt, pk, unit_id, year, "merit", decisions[(unit_id, year, "LDTT")], source))
            if rating == "excellent":
                kind = "merit" if rng.random() < 0.95 else "thematic"
                records.append((cstdcs, pk, unit_id, year, kind, decisions[(unit_id, year, "CSTDCS")], source))
        if rng.random() < 0.1:
            title = f"Sáng kiến đổi mới phương pháp dạy học số {pk}"
            initiatives.append(
                (
                    pk,
                    unit_id,
                    title,
                    fold(title),
                    rng.choice(["unit", "unit", "province"]),
                    rng.choice(years[-3:]),
                    "Sở Giáo dục và Đào tạo",
                    f"{pk}/QĐ-SGDĐT",
                    D(judged, 4, 1),
                    source,
                )
            )
        if rng.random() < 0.02:
            level = rng.choice(["reprimand", "warning"])
            restrictions.append((pk, unit_id, "discipline", level, D(judged, 10, 1), D(judged + 1, 1, 31), source))
    for school in schools:
        for year in years:
            ratings.append((None, school, year, rng.choice(["excellent", "good", "good"]), source))
    counts = {
        "schools": len(schools),
        "people": len(people),
        "decisions": len(rows),
        "ratings": copy_rows(TaskRatingRecord, ("person_id", "unit_id", "school_year", "rating", "source"), ratings),
        "award_records": copy_rows(
            AwardRecord,
            ("award_id", "person_id", "unit_id", "school_year", "award_type", "decision_id", "source"),
            records,
        ),
        "initiatives": copy_rows(
            Initiative,
            (
                "person_id",
                "unit_id",
                "title",
                "title_search",
                "effect_scope",
                "school_year",
                "recognised_by",
                "decision_number",
                "decision_date",
                "source",
            ),
            initiatives,
        ),
        "restrictions": copy_rows(
            Restriction, ("person_id", "unit_id", "kind", "level", "start", "end", "source"), restrictions
        ),
    }
    return counts
