"""A body as the site administrator types it: its name, kind and level, the superior body
printed above it in every heading, and the place name of the date line."""

from __future__ import annotations

from django import forms

from tinnhiem.bodies.models import Body, BodyKind, BodyLevel
from tinnhiem.core.i18n import pair

KIND_LABELS = {
    BodyKind.PARTY_COMMITTEE: pair("Cấp ủy Đảng", "Party committee"),
    BodyKind.NATIONAL_ASSEMBLY: pair("Quốc hội", "National Assembly"),
    BodyKind.PEOPLES_COUNCIL: pair("Hội đồng nhân dân", "People's Council"),
    BodyKind.AGENCY: pair("Tập thể lãnh đạo cơ quan", "Agency's leadership"),
    BodyKind.OTHER: pair("Khác", "Other"),
}
LEVEL_LABELS = {
    BodyLevel.CENTRAL: pair("Trung ương", "Central"),
    BodyLevel.PROVINCE: pair("Tỉnh, thành phố", "Province"),
    BodyLevel.COMMUNE: pair("Xã, phường, đặc khu", "Commune"),
    BodyLevel.AGENCY: pair("Cơ quan, đơn vị", "Agency"),
}


class BodyForm(forms.ModelForm[Body]):
    class Meta:
        model = Body
        fields = ["name", "kind", "level", "parent_name", "city"]
        labels = {
            "name": pair("Tên cơ quan (dòng dưới của tiêu đề)", "Name (lower line of the heading)"),
            "kind": pair("Loại cơ quan", "Kind"),
            "level": pair("Cấp", "Level"),
            "parent_name": pair(
                "Cơ quan cấp trên (dòng trên của tiêu đề)", "Superior body (upper heading line)"
            ),
            "city": pair("Địa danh (dòng ngày tháng)", "Place name (date line)"),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = list(KIND_LABELS.items())  # type: ignore[attr-defined]
        self.fields["level"].choices = list(LEVEL_LABELS.items())  # type: ignore[attr-defined]
