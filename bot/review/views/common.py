"""Dependency aliases shared by the review route modules."""

from __future__ import annotations

import sqlite3
from typing import Annotated

from fastapi import Depends

from bot.auth.deps import admin_writer, api_user, api_writer, page_user, page_writer
from bot.auth.sessions import StaffUser
from bot.review.schema import review_db

Db = Annotated[sqlite3.Connection, Depends(review_db)]
PageUser = Annotated[StaffUser, Depends(page_user)]
PageWriter = Annotated[StaffUser, Depends(page_writer)]
AdminWriter = Annotated[StaffUser, Depends(admin_writer)]
ApiUser = Annotated[StaffUser, Depends(api_user)]
ApiWriter = Annotated[StaffUser, Depends(api_writer)]
