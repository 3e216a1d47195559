"""Who may export a person's data for them: those who may read the person's national ID (the
unit's head, officers above, administrators), and the person themselves through their account."""

import rules

from units.rules import can_see_national_id


@rules.predicate
def is_the_person(user, person):
    return person is not None and user.is_authenticated and user.person_id == person.pk


rules.add_perm("privacy.export_person_data", can_see_national_id | is_the_person)
