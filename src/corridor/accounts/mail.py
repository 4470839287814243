"""Mail to users (the password reset link), through SMTP (the standard library's smtplib) behind `Mailer`.

Every mail is bilingual: Vietnamese first, then English, since the address does not tell which a reader uses.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

from corridor.errors import Unavailable
from corridor.i18n import mark, translate

__all__ = ["Mailer", "OutgoingMail", "SmtpMailer", "SmtpSettings", "reset_mail"]

RESET_SUBJECT = mark("Reset your Corridor password")
RESET_BODY = mark(
    "Someone (we hope you) asked to reset the password of the Corridor account {email}.\n\n"
    "To choose a new password, open this link within {minutes} minutes (it works once):\n{link}\n\n"
    "If you did not ask for it, ignore this mail: your password stays as it is."
)
CANNOT_SEND = mark("The mail could not be sent ({reason}); try again later")


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    body: str


class Mailer(Protocol):
    def send(self, mail: OutgoingMail) -> None: ...


@dataclass(frozen=True)
class SmtpSettings:
    """CORRIDOR_SMTP_HOST, _PORT, _FROM, _USER, _PASSWORD, _STARTTLS."""

    host: str
    port: int = 587
    sender: str = "corridor@localhost"
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = True
    timeout_s: float = 20.0


class SmtpMailer:
    """Sends each mail in its own SMTP connection (resets are rare); Unavailable when the server refuses."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, mail: OutgoingMail) -> None:
        message = EmailMessage()
        message["From"] = self.settings.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message.set_content(mail.body)
        try:
            with smtplib.SMTP(self.settings.host, self.settings.port, timeout=self.settings.timeout_s) as smtp:
                if self.settings.starttls:
                    smtp.starttls()
                if self.settings.user:
                    smtp.login(self.settings.user, self.settings.password)
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise Unavailable(CANNOT_SEND, reason=str(error) or type(error).__name__) from error


def reset_mail(email: str, link: str, minutes: int) -> OutgoingMail:
    """The reset mail: subject and body in Vietnamese, then in English."""
    subject = f"{translate(RESET_SUBJECT, 'vi')} / {translate(RESET_SUBJECT, 'en')}"
    bodies = [translate(RESET_BODY, lang).format(email=email, link=link, minutes=minutes) for lang in ("vi", "en")]
    return OutgoingMail(email, subject, "\n\n----------\n\n".join(bodies))
