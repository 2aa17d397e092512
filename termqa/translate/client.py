"""The `/v2/translate` call over the `deepl` client. Import only inside commands (imports deepl).

Every client error becomes a `RemoteError` with a one-line message without the auth key
(`describe_error` of the glossary sync: 403, 429, 456, network failures).
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass

import deepl

from termqa.glossary.deepl_remote import RemoteError, describe_error
from termqa.translate.protect import TAG


@dataclass(frozen=True, slots=True)
class Options:
    source_lang: str = "EN"
    target_lang: str = "JA"
    formality: str | None = None
    model: str | None = None  # "quality" or "latency"
    glossary_id: str | None = None
    glossary_version: str | None = None  # the synced entries' hash

    def cache_fields(self) -> dict[str, str | None]:
        return {
            "protocol": "termqa-xml-1",
            "source_lang": self.source_lang.upper(),
            "target_lang": self.target_lang.upper(),
            "formality": self.formality,
            "model": self.model,
            "glossary_id": self.glossary_id,
            "glossary_version": self.glossary_version,
        }


_MODELS = {"quality": "quality_optimized", "latency": "latency_optimized"}


class DeepLTranslator:
    """Translates protected XML texts with the fixed tag settings termqa relies on."""

    def __init__(
        self, auth_key: str, options: Options, *, server_url: str | None, key_env: str
    ) -> None:
        self._client = deepl.Translator(auth_key, server_url=server_url, send_platform_info=False)
        self._options = options
        self._key = auth_key
        self._key_env = key_env
        self._server = server_url or "DeepL"

    def translate(self, texts: Sequence[str]) -> list[str]:
        options = self._options
        extra: dict[str, object] = {}
        if "tag_handling_version" in inspect.signature(self._client.translate_text).parameters:
            extra["tag_handling_version"] = "v2"  # strict tag handling where supported
        try:
            results = self._client.translate_text(
                list(texts),
                source_lang=options.source_lang,
                target_lang=options.target_lang,
                formality=options.formality,
                glossary=options.glossary_id,
                model_type=_MODELS.get(options.model or ""),
                tag_handling="xml",
                ignore_tags=[TAG],
                outline_detection=False,
                split_sentences="nonewlines",
                **extra,  # type: ignore[arg-type]
            )
        except deepl.DeepLException as exc:
            message = describe_error(exc, key_env=self._key_env, server=self._server)
            message = message.replace(self._key, "***")
            raise RemoteError(f"{message} (while translating)", exc.http_status_code) from None
        except ValueError as exc:
            raise RemoteError(f"DeepL client refused the request: {exc}") from None
        listed = results if isinstance(results, list) else [results]
        return [r.text for r in listed]

    def close(self) -> None:
        self._client.close()  # type: ignore[no-untyped-call]  # unannotated in deepl
