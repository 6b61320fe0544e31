"""Documents: the guide (PDF) and the handouts (a zip) in a chosen language, with the local
reporting pathways from an uploaded profile or from a form. Rendering runs in a worker
process; the job page shows its progress and can cancel it."""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from competency_kit.app.documents import (
    PATHWAYS,
    ContactFields,
    DocumentOptions,
    GuideRequest,
    HandoutsRequest,
    ProfileRequest,
    make_profile,
)
from competency_kit.core.errors import InputError
from competency_kit.pdf.templating import LANGUAGES
from competency_kit.web.jobs import Job, JobKind
from competency_kit.web.problems import renamed
from competency_kit.web.render import choose_language
from competency_kit.web.sessions import Session, Stored
from competency_kit.web.state import Web, remember_session
from competency_kit.web.uploads import CURRICULUM_SUFFIXES, YAML_SUFFIXES, Upload, download_name

PROFILE = Upload("profile", YAML_SUFFIXES)
CURRICULUM = Upload("curriculum", CURRICULUM_SUFFIXES)
CONTACT_FIELDS = ("name", "phone", "email", "website", "hours")
KINDS: tuple[JobKind, ...] = ("guide", "handouts")


def profile_request(form: FormData, output: object) -> ProfileRequest | None:
    """The profile form's fields as a request, or None when none was filled in."""

    def text(name: str) -> str:
        value = form.get(name)
        return value.strip() if isinstance(value, str) else ""

    contacts = {
        kind: ContactFields(**{f: text(f"{kind}.{f}") for f in CONTACT_FIELDS}) for kind in PATHWAYS
    }
    filled = any(text(n) for n in ("country", "institution", "reviewed")) or any(
        any(vars(c).values()) for c in contacts.values()
    )
    if not filled:
        return None
    return ProfileRequest(
        output,  # type: ignore[arg-type]
        country=text("country"),
        institution=text("institution"),
        reviewed=text("reviewed"),
        **contacts,
    )


async def profile_of(web: Web, session: Session, form: FormData) -> Stored | None:
    """The profile this form gives (an upload, or the fields), kept for the session."""
    folder = session.new_folder("profile")
    kept = await web.keep(form, folder, [PROFILE])
    if "profile" in kept:
        stored = kept["profile"]
        options = DocumentOptions(profile=stored.path)
        await web.call(options.load_profile, files=[stored])
    else:
        request = profile_request(form, folder / "profile.yaml")
        if request is None:
            return session.profile
        made = await web.call(make_profile, request, files=[])
        stored = Stored(made.path, "profile.yaml")
    with session.lock:
        session.profile = stored
    return stored


def routes(web: Web) -> list[Route]:
    async def page(request: Request) -> Response:
        return web.page(request, "documents.html", {"kinds": KINDS})

    async def profile(request: Request) -> Response:
        session = web.session(request)
        form = await web.form(request)
        stored = await profile_of(web, session, form)
        if stored is None:
            raise _no_profile()
        response = FileResponse(stored.path, media_type="application/yaml", filename="profile.yaml")
        remember_session(request, response)
        return response

    async def start(request: Request) -> Response:
        session = web.session(request)
        form = await web.form(request)
        if session.curriculum is None:
            from competency_kit.web.routes.mapping import accept

            folder = session.new_folder("curriculum")
            kept = await web.keep(form, folder, [CURRICULUM])
            if "curriculum" not in kept:
                return web.page(request, "documents.html", {"kinds": KINDS, "need": True}, 422)
            await accept(web, session, kept["curriculum"])
        assert session.curriculum is not None
        stored = await profile_of(web, session, form)
        kind = form.get("kind")
        kind = kind if kind in KINDS else "guide"
        asked = form.get("doc_lang")
        lang = asked if isinstance(asked, str) and asked in LANGUAGES else choose_language(request)
        folder = session.new_folder(str(kind))
        options = DocumentOptions(
            lang, profile=stored.path if stored else None, framework=web.framework(session)
        )
        task: GuideRequest | HandoutsRequest
        if kind == "guide":
            task = GuideRequest(session.curriculum.path, folder / "guide.pdf", options)
        else:
            # One process per job: the server already runs jobs side by side on the cores,
            # and cancelling a job ends exactly one process (its worker renders no helpers).
            task = HandoutsRequest(session.curriculum.path, folder / "handouts", options, jobs=1)
        job = web.jobs.start(session.id, "guide" if kind == "guide" else "handouts", folder, task)
        response = RedirectResponse(f"/documents/jobs/{job.id}", status_code=303)
        remember_session(request, response)
        return response

    def job_of(request: Request) -> Job | None:
        session = web.existing_session(request)
        return web.jobs.get(request.path_params["job"], session.id) if session else None

    async def job_page(request: Request) -> Response:
        job = job_of(request)
        session = web.existing_session(request)
        if job is None or session is None:
            return RedirectResponse("/documents", status_code=303)
        files = [session.curriculum, session.profile, session.framework]
        context = {
            "job": job,
            "problems": renamed(job.problems, files),
            "notes": renamed(job.notes, files),
        }
        return web.page(request, "job.html", context)

    async def cancel(request: Request) -> Response:
        job = job_of(request)
        if job is not None:
            web.jobs.cancel(job)
        target = f"/documents/jobs/{job.id}" if job else "/documents"
        return RedirectResponse(target, status_code=303)

    async def download(request: Request) -> Response:
        job = job_of(request)
        if job is None or job.result is None or job.state != "done":
            return RedirectResponse("/documents", status_code=303)
        session = web.existing_session(request)
        programme = "programme"
        if session is not None and session.curriculum is not None:
            programme = session.curriculum.name.rsplit(".", 1)[0]
        lang = job.request.options.lang
        if job.kind == "guide":
            name = download_name(f"guide-{programme}-{lang}", ".pdf")
            return FileResponse(job.result, media_type="application/pdf", filename=name)
        name = download_name(f"handouts-{programme}-{lang}", ".zip")
        return FileResponse(job.result, media_type="application/zip", filename=name)

    return [
        Route("/documents", page),
        Route("/documents", start, methods=["POST"]),
        Route("/documents/profile", profile, methods=["POST"]),
        Route("/documents/jobs/{job}", job_page),
        Route("/documents/jobs/{job}/cancel", cancel, methods=["POST"]),
        Route("/documents/jobs/{job}/download", download),
    ]


def _no_profile() -> InputError:
    return InputError.single(
        "profile",
        "the form has no profile: neither a file nor any filled-in contact",
        "upload a profile file, or fill in at least one reporting pathway",
        code="profile.empty",
    )
