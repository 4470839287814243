"""Use cases of the call for papers: submit (anyone signed in), assign reviewers and decide (organisers), review
(the assigned reviewers only), and the proceedings of accepted papers (public)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from corridor.accounts.models import Principal, Target
from corridor.accounts.policy import authorize
from corridor.errors import Forbidden, InvalidInput, NotFound
from corridor.events.models import PAPER_DECISIONS, EventDefinition, Paper, Review
from corridor.events.papers import check_paper_fields, check_paper_pdf, proceedings_zip
from corridor.i18n import mark

__all__ = ["CallForPapers", "PaperStore"]

NO_PAPER = mark("Paper {id} is not one of event {event}")
NOT_A_REVIEWER = mark("{who} is not a reviewer of paper {id}")
BAD_SCORE = mark("A score is a whole number from 1 to 5, got {value}")
BAD_DECISION = mark("'{value}' is not a decision; use accepted or rejected")
BAD_REVIEWER = mark("'{value}' is not an e-mail address")


class PaperStore(Protocol):
    def add_paper(self, paper: Paper, pdf: bytes, actor: str) -> Paper: ...
    def papers(self, event_id: str) -> list[Paper]: ...
    def paper_pdf(self, paper_id: int) -> bytes: ...
    def assign_reviewer(self, event_id: str, paper_id: int, reviewer: str, actor: str) -> None: ...
    def save_review(self, event_id: str, review: Review) -> None: ...
    def decide_paper(self, event_id: str, paper_id: int, status: str, actor: str) -> None: ...


class CallForPapers:
    def __init__(
        self,
        store: PaperStore,
        event_of: Callable[[str], EventDefinition],
        target_of: Callable[[EventDefinition], Target],
        max_bytes: int,
    ) -> None:
        self._store = store
        self._event_of = event_of
        self._target_of = target_of
        self.max_bytes = max_bytes

    def submit(
        self,
        principal: Principal,
        event_id: str,
        *,
        title: str,
        abstract: str,
        author: str,
        organisation: str,
        file_name: str,
        data: bytes,
    ) -> Paper:
        event = self._event_of(event_id)
        authorize(principal, "event.submit_paper", self._target_of(event))
        check_paper_fields(title, abstract, author, organisation)
        checked = check_paper_pdf(file_name, data, self.max_bytes)
        paper = Paper(
            0, event.id, title.strip(), abstract.strip(), author.strip(), organisation.strip(), file_name,
            len(data), principal.actor, dt.datetime.now(dt.UTC),
        )  # fmt: skip
        return self._store.add_paper(paper, checked.pdf, principal.actor)

    def papers(self, event_id: str) -> list[Paper]:
        return self._store.papers(self._event_of(event_id).id)

    def accepted(self, event_id: str) -> list[Paper]:
        return [p for p in self.papers(event_id) if p.status == "accepted"]

    def paper(self, event_id: str, paper_id: int) -> Paper:
        found = [p for p in self.papers(event_id) if p.id == paper_id]
        if not found:
            raise NotFound(NO_PAPER, id=paper_id, event=event_id)
        return found[0]

    def pdf(self, principal: Principal, event_id: str, paper_id: int) -> tuple[Paper, bytes]:
        """An accepted paper for everyone; a submitted one for its author, its reviewers and organisers."""
        paper = self.paper(event_id, paper_id)
        if paper.status != "accepted" and principal.actor not in {
            paper.submitted_by,
            *(r.reviewer for r in paper.reviews),
        }:
            authorize(principal, "event.organise", self._target_of(self._event_of(event_id)))
        return paper, self._store.paper_pdf(paper_id)

    def assign(self, principal: Principal, event_id: str, paper_id: int, reviewer: str) -> Paper:
        event = self._event_of(event_id)
        authorize(principal, "event.organise", self._target_of(event))
        self.paper(event_id, paper_id)
        address = reviewer.strip().lower()
        if "@" not in address or " " in address:
            raise InvalidInput(BAD_REVIEWER, value=reviewer)
        self._store.assign_reviewer(event.id, paper_id, address, principal.actor)
        return self.paper(event_id, paper_id)

    def to_review(self, principal: Principal, event_id: str) -> list[Paper]:
        """The papers the user is assigned to review."""
        return [p for p in self.papers(event_id) if principal.actor in {r.reviewer for r in p.reviews}]

    def review(self, principal: Principal, event_id: str, paper_id: int, score: int, comment: str) -> Paper:
        event = self._event_of(event_id)
        authorize(principal, "event.review_paper", self._target_of(event))
        paper = self.paper(event_id, paper_id)
        if principal.actor not in {r.reviewer for r in paper.reviews}:
            raise Forbidden(NOT_A_REVIEWER, who=principal.actor, id=paper_id)
        if not 1 <= score <= 5:
            raise InvalidInput(BAD_SCORE, value=score)
        self._store.save_review(event.id, Review(paper_id, principal.actor, score, comment.strip()))
        return self.paper(event_id, paper_id)

    def decide(self, principal: Principal, event_id: str, paper_id: int, decision: str) -> Paper:
        event = self._event_of(event_id)
        authorize(principal, "event.organise", self._target_of(event))
        self.paper(event_id, paper_id)
        if decision not in PAPER_DECISIONS:
            raise InvalidInput(BAD_DECISION, value=decision)
        self._store.decide_paper(event.id, paper_id, decision, principal.actor)
        return self.paper(event_id, paper_id)

    def proceedings(self, event_id: str, lang: str) -> bytes:
        """The accepted papers as a ZIP with a table of contents (public)."""
        event = self._event_of(event_id)
        return proceedings_zip(event, self.papers(event_id), self._store.paper_pdf, lang)
