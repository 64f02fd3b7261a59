"""The bot's words in English and French, chosen from the user's Teams locale."""

from __future__ import annotations

from typing import Any

EN: dict[str, str] = {
    "help.title": "NovaCRM in Teams",
    "help.intro": "Here is what I can do. Type a command in this chat, "
    "or @mention me in a channel.",
    "help.unlinked": "Your Teams account is not linked to a NovaCRM user yet: "
    "send `link` to connect it. Until then only `help`, `check`, `privacy` and `link` work.",
    "cmd.help": "this list",
    "cmd.find": "search companies, contacts and deals",
    "cmd.deal": "a deal's stage, amount and next activity",
    "cmd.note": "log a note on a deal (checked first)",
    "cmd.check": "what the compliance engine finds in a text, and why",
    "cmd.ask": "ask the AI assistant through the compliance gateway",
    "cmd.my_alerts": "your open alerts (compliance officers)",
    "cmd.my_coaching": "what you were told about your own messages",
    "cmd.privacy": "what the product watches, why, and who can see what",
    "cmd.link": "connect your Teams account to your NovaCRM user",
    "cmd.set_alert_channel": "in a channel: post new alerts here (officers)",
    "unknown": "I don't know that command. Send `help` to see what I can do.",
    "unlinked": "I don't know who you are in NovaCRM yet. Send `link` to connect your account.",
    "error.title": "Something went wrong",
    "error.body": "It was logged. If you contact support, give them this id: {error_id}",
    "problem.title": "That did not work",
    "find.title": "Results for \u201c{query}\u201d",
    "find.none": "Nothing matches \u201c{query}\u201d.",
    "find.companies": "Companies",
    "find.contacts": "Contacts",
    "find.deals": "Deals",
    "find.usage": "Usage: `find <text>`",
    "deal.usage": "Usage: `deal <name>`",
    "deal.none": "No deal matches \u201c{query}\u201d.",
    "deal.stage": "Stage",
    "deal.amount": "Amount",
    "deal.status": "Status",
    "deal.next": "Next activity",
    "deal.no_next": "none planned",
    "deal.move": "Move stage",
    "deal.move_to": "Move to",
    "deal.log_note": "Log a note",
    "deal.note_placeholder": "What happened?",
    "deal.save_note": "Save note",
    "deal.moved": "Moved to {stage}.",
    "note.usage": "Usage: `note <deal> <text>` (put a deal name of several words in quotes)",
    "note.logged": "Note logged on \u201c{deal}\u201d.",
    "note.redacted": "Sensitive data was removed before it was stored: {categories}.",
    "note.blocked": "Not logged: the note contains {categories}, which is not allowed in the "
    "CRM. Remove it and try again.",
    "check.title": "Compliance check",
    "check.usage": "Usage: `check <text>`",
    "check.clean": "Nothing found: this text looks fine under policy \u201c{policy}\u201d.",
    "check.found": "Decision: **{decision}** under policy \u201c{policy}\u201d.",
    "check.redacted": "Redacted",
    "check.why": "Why",
    "ask.usage": "Usage: `ask <prompt>`",
    "ask.title": "AI assistant",
    "ask.blocked": "Blocked: {detail}",
    "ask.no_upstream": "No AI assistant is configured on this NovaCRM, so nothing was sent. "
    "This is what the gateway decided and what it would have sent:",
    "ask.verdict": "Verdict",
    "ask.sanitised": "Sanitised prompt",
    "ask.redacted_note": "Personal data in your prompt was redacted before it was sent.",
    "ask.pending": "Thinking\u2026 The answer will appear here as soon as the assistant replies.",
    "ask.unavailable": "The AI assistant is unavailable right now, so there is no answer. "
    "Please try again in a few minutes. Reference: {error_id}",
    "alerts.title": "Your open alerts",
    "alerts.none": "No open alerts assigned to you or waiting for review.",
    "alerts.officers_only": "Only compliance officers see alerts.",
    "coaching.history_title": "Your coaching history",
    "coaching.none": "Nothing to report: none of your messages was flagged.",
    "coaching.title": "About your message",
    "coaching.intro": "A message you just sent matched the compliance policy \u201c{policy}\u201d.",
    "coaching.found": "What was found",
    "coaching.todo": "What to do",
    "coaching.todo_text": "Please edit or delete the message, and share this kind of data only "
    "through approved tools. The compliance team has been notified.",
    "coaching.false_positive": "This is a false positive",
    "coaching.reported": "Thanks: the compliance officers will see your report with the alert.",
    "privacy.title": "What NovaCRM watches, and who sees what",
    "privacy.body": "Where the app is installed, NovaCRM scans channel and group-chat messages "
    "for personal data, secrets and risky instructions, to keep client data safe and meet "
    "our regulatory duties. Clean messages are not stored. When something is found, "
    "the author gets a private note, and compliance officers see an alert with a redacted "
    "excerpt and a pseudonym instead of the author's name. Revealing the original text or the "
    "author's identity is a recorded, reasoned action, and may need a second officer's "
    "approval. You can see your own history with `my coaching`.",
    "link.done": "Your Teams account is linked to {email}.",
    "link.auto": "Linked automatically: your Microsoft sign-in matches {email}.",
    "link.how": "To link your account, sign in to NovaCRM, open your profile, choose "
    "\u201cLink Teams\u201d, and send me `link <code>` with the code shown there. "
    "Codes work once, for 10 minutes.",
    "alert_channel.set": "New compliance alerts will be posted in this channel.",
    "alert_channel.where": "Run `set alert channel` in the channel where alerts should go.",
    "alert.title": "Compliance alert",
    "alert.severity": "Severity",
    "alert.category": "Category",
    "alert.detectors": "Detectors",
    "alert.author": "Author",
    "alert.policy": "Policy",
    "alert.status": "Status",
    "alert.occurrences": "Occurrences",
    "alert.assignee": "Assigned to",
    "alert.source": "Open the message",
    "alert.comment": "Comment (optional)",
    "alert.acknowledge": "Acknowledge",
    "alert.assign_me": "Assign to me",
    "alert.escalate": "Escalate",
    "alert.resolve": "Resolve",
    "alert.dismiss": "Dismiss (false positive)",
    "alert.by": "Last action: {action} by {actor}",
    "alert.lost_race": "Another officer acted on this alert first; this is its current state.",
    "alert.false_positive": "The author reported this as a false positive.",
    "refusal.title": "Not allowed",
    "refusal.body": "Only compliance officers can act on alerts. Nothing was changed.",
    "extension.logged": "Logged to \u201c{deal}\u201d (redacted per policy).",
    "extension.need_deal": "Name the deal to log this message to.",
}

FR: dict[str, str] = {
    "help.title": "NovaCRM dans Teams",
    "help.intro": "Voici ce que je sais faire. Tapez une commande ici, ou mentionnez-moi "
    "dans un canal.",
    "help.unlinked": "Votre compte Teams n'est pas encore li\u00e9 \u00e0 un utilisateur "
    "NovaCRM : envoyez `link` pour le connecter. D'ici l\u00e0, seules `help`, `check`, "
    "`privacy` et `link` fonctionnent.",
    "cmd.help": "cette liste",
    "cmd.find": "chercher soci\u00e9t\u00e9s, contacts et affaires",
    "cmd.deal": "\u00e9tape, montant et prochaine activit\u00e9 d'une affaire",
    "cmd.note": "ajouter une note \u00e0 une affaire (v\u00e9rifi\u00e9e d'abord)",
    "cmd.check": "ce que le moteur de conformit\u00e9 trouve dans un texte, et pourquoi",
    "cmd.ask": "interroger l'assistant IA via la passerelle de conformit\u00e9",
    "cmd.my_alerts": "vos alertes ouvertes (responsables conformit\u00e9)",
    "cmd.my_coaching": "ce qui vous a \u00e9t\u00e9 signal\u00e9 sur vos messages",
    "cmd.privacy": "ce que le produit surveille, pourquoi, et qui voit quoi",
    "cmd.link": "relier votre compte Teams \u00e0 votre utilisateur NovaCRM",
    "cmd.set_alert_channel": "dans un canal : y publier les nouvelles alertes",
    "unknown": "Je ne connais pas cette commande. Envoyez `help` pour la liste.",
    "unlinked": "Je ne sais pas encore qui vous \u00eates dans NovaCRM. Envoyez `link` "
    "pour relier votre compte.",
    "error.title": "Une erreur est survenue",
    "error.body": "Elle a \u00e9t\u00e9 journalis\u00e9e. Si vous contactez le support, "
    "donnez cet identifiant : {error_id}",
    "problem.title": "Cela n'a pas fonctionn\u00e9",
    "find.title": "R\u00e9sultats pour \u00ab {query} \u00bb",
    "find.none": "Rien ne correspond \u00e0 \u00ab {query} \u00bb.",
    "find.companies": "Soci\u00e9t\u00e9s",
    "find.deals": "Affaires",
    "deal.none": "Aucune affaire ne correspond \u00e0 \u00ab {query} \u00bb.",
    "deal.stage": "\u00c9tape",
    "deal.amount": "Montant",
    "deal.status": "Statut",
    "deal.next": "Prochaine activit\u00e9",
    "deal.no_next": "aucune pr\u00e9vue",
    "deal.move": "Changer d'\u00e9tape",
    "deal.move_to": "Passer \u00e0",
    "deal.log_note": "Ajouter une note",
    "deal.note_placeholder": "Que s'est-il pass\u00e9 ?",
    "deal.save_note": "Enregistrer",
    "deal.moved": "Pass\u00e9e \u00e0 {stage}.",
    "note.logged": "Note ajout\u00e9e \u00e0 \u00ab {deal} \u00bb.",
    "check.title": "V\u00e9rification de conformit\u00e9",
    "check.clean": "Rien trouv\u00e9 : ce texte respecte la politique \u00ab {policy} \u00bb.",
    "check.found": "D\u00e9cision : **{decision}** selon la politique \u00ab {policy} \u00bb.",
    "check.redacted": "Texte caviard\u00e9",
    "check.why": "Pourquoi",
    "find.usage": "Utilisation : `find <texte>`",
    "deal.usage": "Utilisation : `deal <nom>`",
    "note.usage": "Utilisation : `note <affaire> <texte>` "
    "(entre guillemets pour un nom de plusieurs mots)",
    "check.usage": "Utilisation : `check <texte>`",
    "ask.usage": "Utilisation : `ask <invite>`",
    "ask.title": "Assistant IA",
    "ask.blocked": "Bloqu\u00e9 : {detail}",
    "ask.no_upstream": "Aucun assistant IA n'est configur\u00e9 sur ce NovaCRM : rien n'a "
    "\u00e9t\u00e9 envoy\u00e9. Voici la d\u00e9cision de la passerelle et ce qu'elle "
    "aurait envoy\u00e9 :",
    "ask.verdict": "D\u00e9cision",
    "ask.sanitised": "Invite nettoy\u00e9e",
    "ask.redacted_note": "Les donn\u00e9es personnelles de votre invite ont \u00e9t\u00e9 "
    "caviard\u00e9es avant l'envoi.",
    "ask.pending": "Je r\u00e9fl\u00e9chis\u2026 La r\u00e9ponse s'affichera ici d\u00e8s "
    "que l'assistant aura r\u00e9pondu.",
    "ask.unavailable": "L'assistant IA est indisponible pour le moment : pas de r\u00e9ponse. "
    "R\u00e9essayez dans quelques minutes. R\u00e9f\u00e9rence : {error_id}",
    "alerts.title": "Vos alertes ouvertes",
    "alerts.none": "Aucune alerte ouverte.",
    "alerts.officers_only": "Seuls les responsables conformit\u00e9 voient les alertes.",
    "coaching.history_title": "Votre historique",
    "coaching.none": "Rien \u00e0 signaler : aucun de vos messages n'a \u00e9t\u00e9 signal\u00e9.",
    "coaching.title": "\u00c0 propos de votre message",
    "coaching.intro": "Un message que vous venez d'envoyer rel\u00e8ve de la politique "
    "\u00ab {policy} \u00bb.",
    "coaching.found": "Ce qui a \u00e9t\u00e9 trouv\u00e9",
    "coaching.todo": "Que faire",
    "coaching.todo_text": "Modifiez ou supprimez le message, et ne partagez ce type de "
    "donn\u00e9es que par les outils approuv\u00e9s. L'\u00e9quipe conformit\u00e9 a "
    "\u00e9t\u00e9 pr\u00e9venue.",
    "coaching.false_positive": "C'est un faux positif",
    "coaching.reported": "Merci : les responsables conformit\u00e9 verront votre "
    "signalement avec l'alerte.",
    "privacy.title": "Ce que NovaCRM surveille, et qui voit quoi",
    "privacy.body": "L\u00e0 o\u00f9 l'application est install\u00e9e, NovaCRM analyse les "
    "messages des canaux et des conversations de groupe pour y d\u00e9tecter donn\u00e9es "
    "personnelles, secrets et instructions \u00e0 risque, afin de prot\u00e9ger les "
    "donn\u00e9es clients et de respecter nos obligations. Les messages sans probl\u00e8me "
    "ne sont pas conserv\u00e9s. En cas de d\u00e9tection, l'auteur re\u00e7oit une note "
    "priv\u00e9e et les responsables conformit\u00e9 voient une alerte avec un extrait "
    "caviard\u00e9 et un pseudonyme. R\u00e9v\u00e9ler le texte original ou l'identit\u00e9 "
    "de l'auteur est une action motiv\u00e9e et trac\u00e9e. Votre historique : "
    "`my coaching`.",
    "link.done": "Votre compte Teams est li\u00e9 \u00e0 {email}.",
    "link.auto": "Li\u00e9 automatiquement : votre connexion Microsoft correspond \u00e0 {email}.",
    "link.how": "Pour lier votre compte, connectez-vous \u00e0 NovaCRM, ouvrez votre profil, "
    "choisissez \u00ab Lier Teams \u00bb, puis envoyez-moi `link <code>`. Un code ne sert "
    "qu'une fois, pendant 10 minutes.",
    "alert_channel.set": "Les nouvelles alertes seront publi\u00e9es dans ce canal.",
    "alert.title": "Alerte de conformit\u00e9",
    "alert.severity": "Gravit\u00e9",
    "alert.category": "Cat\u00e9gorie",
    "alert.detectors": "D\u00e9tecteurs",
    "alert.author": "Auteur",
    "alert.policy": "Politique",
    "alert.status": "Statut",
    "alert.occurrences": "Occurrences",
    "alert.assignee": "Assign\u00e9e \u00e0",
    "alert.source": "Ouvrir le message",
    "alert.comment": "Commentaire (facultatif)",
    "alert.acknowledge": "Prendre en compte",
    "alert.assign_me": "Me l'assigner",
    "alert.escalate": "Escalader",
    "alert.resolve": "R\u00e9soudre",
    "alert.dismiss": "Rejeter (faux positif)",
    "alert.by": "Derni\u00e8re action : {action} par {actor}",
    "alert.lost_race": "Un autre responsable a agi en premier ; voici l'\u00e9tat actuel.",
    "alert.false_positive": "L'auteur a signal\u00e9 un faux positif.",
    "refusal.title": "Action non autoris\u00e9e",
    "refusal.body": "Seuls les responsables conformit\u00e9 peuvent agir sur les alertes. "
    "Rien n'a \u00e9t\u00e9 modifi\u00e9.",
}


def language(locale: str | None) -> str:
    """'fr' for any French locale, else 'en'."""
    return "fr" if (locale or "").lower().startswith("fr") else "en"


def t(locale: str | None, key: str, **values: Any) -> str:
    """The text for ``key`` in the user's language (English when not translated)."""
    table = FR if language(locale) == "fr" else EN
    template = table.get(key) or EN[key]
    return template.format(**values) if values else template
