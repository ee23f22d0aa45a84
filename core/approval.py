"""Multi-step approval: for a kind of content (and, where the model has a `category`, for one
category), an ordered list of approving groups (`ApprovalStep`). An item in review waits for
the group of its next step; each approval moves it on (`Publishable.approval_step` counts
them); the last one publishes it (or applies the revision). Sent back at any step, it returns
to its author and starts again from the first step.

Steps of a category replace the kind's general steps (those without a category) for its items.
Without any step, the one-step workflow of the publishers applies unchanged.
"""

from django.contrib.contenttypes.models import ContentType

from core.desk_models import ApprovalStep


def _category_id(item):
    return getattr(item, "category_id", None)


def steps_for(item, all_steps=None):
    """The ordered steps (ApprovalStep rows, with their group) that apply to `item`."""
    content_type = ContentType.objects.get_for_model(item, for_concrete_model=False)
    if all_steps is None:
        all_steps = list(
            ApprovalStep.objects.filter(content_type=content_type).select_related("group")
        )
    mine = [s for s in all_steps if s.content_type_id == content_type.pk]
    category = _category_id(item)
    specific = [s for s in mine if category is not None and s.category_id == category]
    chosen = specific or [s for s in mine if s.category_id is None]
    return sorted(chosen, key=lambda s: s.position)


def next_step(item, all_steps=None):
    """The step the item waits for (None when it has no steps or all are done)."""
    steps = steps_for(item, all_steps)
    return steps[item.approval_step] if item.approval_step < len(steps) else None


def user_group_ids(user):
    if not hasattr(user, "_approval_group_ids"):
        user._approval_group_ids = set(user.groups.values_list("pk", flat=True))
    return user._approval_group_ids


def is_step_approver(item, user, all_steps=None):
    """`user` belongs to the group of the step the item waits for (Publishable checks that it
    is in review)."""
    if not (user and user.is_active):
        return False
    step = next_step(item, all_steps)
    return step is not None and (user.is_superuser or step.group_id in user_group_ids(user))


def progress_label(item, all_steps=None):
    """ "Bước 2/3: Lãnh đạo Ban" for an item in review with steps; "" otherwise."""
    steps = steps_for(item, all_steps)
    if not steps or item.approval_step >= len(steps):
        return ""
    step = steps[item.approval_step]
    return f"Bước {item.approval_step + 1}/{len(steps)}: {step.group.name}"
