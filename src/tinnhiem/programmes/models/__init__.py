"""Programme steering: programmes and the tasks they assign to agencies, progress updates and
reminders, targets, inspection and discipline figures, watched cases, administrative reform,
frozen period snapshots, and the products a civil servant's monthly task points come from.

One module a sub-domain: `agencies`, `tasks`, `oversight` (targets, KTGS, cases, reform),
`periods` (snapshots, products). No status is stored: a task's state at a date is derived from
its dates (`tinnhiem.steering.tasks.state_on`); a target's verdict from its plan and actual.
"""

from tinnhiem.programmes.models.agencies import (
    Agency,
    AgencyMember,
    AgencyRole,
)
from tinnhiem.programmes.models.oversight import (
    DIGITS,
    PLACES,
    CaseEvent,
    CaseKind,
    Indicator,
    InspectionFigure,
    ReformFigure,
    WatchedCase,
)
from tinnhiem.programmes.models.periods import (
    Product,
    Snapshot,
    SnapshotKind,
)
from tinnhiem.programmes.models.tasks import (
    Attachment,
    Confidentiality,
    Extension,
    Programme,
    ProgressUpdate,
    Reminder,
    SubTask,
    Task,
    TaskGroup,
    TaskKind,
    UpdateRequest,
    UpdateStatus,
)

__all__ = [
    "DIGITS",
    "PLACES",
    "Agency",
    "AgencyMember",
    "AgencyRole",
    "Attachment",
    "CaseEvent",
    "CaseKind",
    "Confidentiality",
    "Extension",
    "Indicator",
    "InspectionFigure",
    "Product",
    "Programme",
    "ProgressUpdate",
    "ReformFigure",
    "Reminder",
    "Snapshot",
    "SnapshotKind",
    "SubTask",
    "Task",
    "TaskGroup",
    "TaskKind",
    "UpdateRequest",
    "UpdateStatus",
    "WatchedCase",
]
