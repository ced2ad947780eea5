"""A home plan, the patient's own page (`/plan?plan=1.…`): step cards with pictures and press timers, self-care,
the warning signs and what is known. Everything is in the link; a link that cannot be used gets a plain notice."""

from __future__ import annotations

import streamlit as st

from acumap.links import plan_from_params
from ui import home_plan, loading

atlas = loading.atlas()
plan, notice = plan_from_params(atlas, st.query_params.to_dict())
if plan is None:
    home_plan.no_plan(notice)
else:
    home_plan.patient_page(atlas, plan)
