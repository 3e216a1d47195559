"""Every state machine's states as users see them, and the transitions a user may take.

Each app registers, once, in its ``AppConfig.ready``:

- ``register_badges(owner, field, choices, colours)``: how a state of ``owner.field`` shows (its
  label from the TextChoices, a Bootstrap colour). The ``status_badge`` template tag draws it.
- ``register_machine(model, field, choices, table, permission)``: the transition table of a model's
  state field and the permission (a django-rules name, or a function of the target state giving one)
  that allows a move. ``allowed_transitions(obj, user)`` reads both, so a template offers exactly
  what the transition function will accept and never compares state strings itself.

The transition functions stay in each app's services: this module only reads their tables.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Choices


@dataclass(frozen=True)
class Badge:
    value: str
    label: str
    colour: str


@dataclass(frozen=True)
class Transition:
    target: str
    label: str


@dataclass(frozen=True)
class _Machine:
    choices: type[Choices]
    table: dict[str, tuple[str, ...]]
    permission: Callable[[str], str]


_BADGES: dict[tuple[type, str], tuple[type[Choices], dict[str, str]]] = {}
_MACHINES: dict[tuple[type, str], _Machine] = {}


def register_badges(owner: type, field: str, choices: type[Choices], colours: dict[str, str]) -> None:
    missing = set(choices.values) - set(colours)
    if missing:
        raise ValueError(f"{owner.__name__}.{field}: no colour for {sorted(missing)}")
    _BADGES[(owner, field)] = (choices, dict(colours))


def register_machine(
    model: type,
    field: str,
    choices: type[Choices],
    table: dict[str, tuple[str, ...]],
    permission: str | Callable[[str], str],
) -> None:
    perm = (lambda _target: permission) if isinstance(permission, str) else permission
    _MACHINES[(model, field)] = _Machine(choices, table, perm)


def _lookup(registry: dict, obj, field: str):
    for cls in type(obj).__mro__:
        if (cls, field) in registry:
            return registry[(cls, field)]
    raise LookupError(f"{type(obj).__name__}.{field} is not registered in common.status")


def badge(obj, field: str = "state") -> Badge:
    """The label and colour of ``obj.<field>`` as registered."""
    choices, colours = _lookup(_BADGES, obj, field)
    value = getattr(obj, field)
    value = getattr(value, "value", value)
    return Badge(value=value, label=str(choices(value).label), colour=colours[value])


def allowed_transitions(obj, user, field: str = "state") -> list[Transition]:
    """The moves from ``obj``'s current state that its table allows and ``user`` may take."""
    machine = _lookup(_MACHINES, obj, field)
    current = getattr(obj, field)
    return [
        Transition(target=target, label=str(machine.choices(target).label))
        for target in machine.table.get(current, ())
        if user.has_perm(machine.permission(target), obj)
    ]


def may_move(obj, user, target: str, field: str = "state") -> bool:
    """Whether ``user`` may move ``obj`` to ``target`` now (a table row and a permission)."""
    return any(t.target == target for t in allowed_transitions(obj, user, field))
