"""Interface text Polyhelp adds to pages, in every locale the site builds."""

from __future__ import annotations

from polyhelp.locales.lookup import text_for

# A locale added to mkdocs.yml without an entry here gets the English text and a warning
# (polyhelp.locales.lookup).
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "az_description": "Every question and article of the help center, in alphabetical order.",
        "home_heading": "How can we help?",
        "home_no_script": "Search needs JavaScript, which is off in your browser: pick a topic "
        "below or browse every question and article from A to Z.",
        "home_topics": "Browse by topic",
        "home_most_asked": "Most asked questions",
        "home_markets": "Shipping, payment and returns for your country",
        "home_markets_text": "Prices, delivery times, customs, payment methods and return rules "
        "where you live.",
        "home_contact": "Still need help?",
        "home_contact_text": "Our team answers by chat, phone and email. The phone number and "
        "opening hours for your country are on the contact page, or write to us at {email}.",
        "home_contact_link": "Contact us",
        "az_link": "Every question and article from A to Z",
        "not_found_title": "Page not found",
        "not_found_text": "We could not find this page. It may have moved, or the address "
        "may be mistyped. Search the help center or pick a topic.",
        "search_label": "Search the help center",
        "search_button": "Search",
        "topics": "Topics",
        "other_languages": "Other languages",
        "palette_to_dark": "Switch to dark mode",
        "palette_to_light": "Switch to light mode",
        "permalink": "Permanent link",
        "in_english": "{title} (in English)",
        "site_name": "{shop} Help Center",
        "fallback_title": "Not yet translated",
        "fallback_text": "This page is not yet available in {language}; "
        "here is the English version.",
        "language": "English",
        "machine_title": "Machine translation",
        "machine_text": "This page was translated by machine and not yet reviewed.",
        "stale_title": "May be out of date",
        "stale_text": "The English version of this page changed on {date}; "
        "this translation may not reflect it yet.",
        "legal_title": "Translation being updated",
        "legal_text": "The translation of this page is being updated. "
        "The English version below applies.",
        "original_link": "Read the English original",
    },
    "fr": {
        "az_description": "Toutes les questions et tous les articles du centre d’aide, par ordre "
        "alphabétique.",
        "home_heading": "Comment pouvons-nous vous aider\u202f?",
        "home_no_script": "La recherche a besoin de JavaScript, désactivé dans votre "
        "navigateur\u202f: choisissez un thème ci-dessous ou parcourez toutes les questions "
        "et tous les articles de A à Z.",
        "home_topics": "Parcourir par thème",
        "home_most_asked": "Questions les plus posées",
        "home_markets": "Livraison, paiement et retours dans votre pays",
        "home_markets_text": "Tarifs, délais de livraison, douane, moyens de paiement et règles "
        "de retour là où vous vivez.",
        "home_contact": "Besoin d’aide\u202f?",
        "home_contact_text": "Notre équipe répond par chat, par téléphone et par e-mail. Le numéro "
        "et les horaires pour votre pays figurent sur la page de contact. Vous pouvez aussi "
        "nous écrire à {email}.",
        "home_contact_link": "Nous contacter",
        "az_link": "Toutes les questions et tous les articles de A à Z",
        "not_found_title": "Page introuvable",
        "not_found_text": "Nous ne trouvons pas cette page. Elle a peut-être été déplacée, "
        "ou l’adresse contient une faute de frappe. Faites une recherche dans le centre d’aide "
        "ou choisissez un thème.",
        "search_label": "Rechercher dans le centre d’aide",
        "search_button": "Rechercher",
        "topics": "Thèmes",
        "other_languages": "Autres langues",
        "palette_to_dark": "Passer en mode sombre",
        "palette_to_light": "Passer en mode clair",
        "permalink": "Lien permanent",
        "in_english": "{title} (en anglais)",
        "site_name": "Centre d’aide {shop}",
        "fallback_title": "Pas encore traduite",
        "fallback_text": "Cette page n’est pas encore disponible en français ; "
        "voici la version anglaise.",
        "language": "français",
        "machine_title": "Traduction automatique",
        "machine_text": "Cette page a été traduite automatiquement et n’a pas encore été relue.",
        "stale_title": "Peut-être pas à jour",
        "stale_text": "La version anglaise de cette page a changé le {date} ; "
        "cette traduction n’en tient peut-être pas encore compte.",
        "legal_title": "Traduction en cours de mise à jour",
        "legal_text": "La traduction de cette page est en cours de mise à jour. "
        "La version anglaise ci-dessous fait foi.",
        "original_link": "Lire l’original en anglais",
    },
    "de": {
        "az_description": "Alle Fragen und Artikel des Hilfe-Centers in alphabetischer "
        "Reihenfolge.",
        "home_heading": "Wie können wir Ihnen helfen?",
        "home_no_script": "Die Suche braucht JavaScript, das in Ihrem Browser ausgeschaltet ist: "
        "Wählen Sie unten ein Thema oder sehen Sie alle Fragen und Artikel von A bis Z durch.",
        "home_topics": "Themen",
        "home_most_asked": "Häufig gestellte Fragen",
        "home_markets": "Versand, Zahlung und Rücksendung in Ihrem Land",
        "home_markets_text": "Preise, Lieferzeiten, Zoll, Zahlungsarten und Rückgaberegeln "
        "für Ihr Land.",
        "home_contact": "Noch Fragen?",
        "home_contact_text": "Unser Team antwortet per Chat, Telefon und E-Mail. Telefonnummer und "
        "Servicezeiten für Ihr Land finden Sie auf der Kontaktseite, oder schreiben Sie uns an "
        "{email}.",
        "home_contact_link": "Kontakt aufnehmen",
        "az_link": "Alle Fragen und Artikel von A bis Z",
        "not_found_title": "Seite nicht gefunden",
        "not_found_text": "Diese Seite gibt es nicht. Vielleicht wurde sie verschoben, oder "
        "die Adresse enthält einen Tippfehler. Durchsuchen Sie das Hilfe-Center oder wählen "
        "Sie ein Thema.",
        "search_label": "Hilfe-Center durchsuchen",
        "search_button": "Suchen",
        "topics": "Themen",
        "other_languages": "Andere Sprachen",
        "palette_to_dark": "Zum dunklen Modus wechseln",
        "palette_to_light": "Zum hellen Modus wechseln",
        "permalink": "Dauerhafter Link",
        "in_english": "{title} (auf Englisch)",
        "site_name": "{shop} Hilfe-Center",
        "fallback_title": "Noch nicht übersetzt",
        "fallback_text": "Diese Seite gibt es noch nicht auf Deutsch; "
        "hier ist die englische Version.",
        "language": "Deutsch",
        "machine_title": "Maschinelle Übersetzung",
        "machine_text": "Diese Seite wurde maschinell übersetzt und noch nicht geprüft.",
        "stale_title": "Möglicherweise nicht aktuell",
        "stale_text": "Die englische Fassung dieser Seite wurde am {date} geändert; "
        "diese Übersetzung berücksichtigt das möglicherweise noch nicht.",
        "legal_title": "Übersetzung wird aktualisiert",
        "legal_text": "Die Übersetzung dieser Seite wird gerade aktualisiert. "
        "Maßgeblich ist die englische Fassung unten.",
        "original_link": "Englisches Original lesen",
    },
    "es": {
        "az_description": "Todas las preguntas y artículos del centro de ayuda, por orden "
        "alfabético.",
        "home_heading": "¿En qué podemos ayudarle?",
        "home_no_script": "La búsqueda necesita JavaScript, que está desactivado en su navegador: "
        "elija un tema a continuación o consulte todas las preguntas y artículos de la A a la Z.",
        "home_topics": "Temas",
        "home_most_asked": "Preguntas más frecuentes",
        "home_markets": "Envíos, pagos y devoluciones en su país",
        "home_markets_text": "Precios, plazos de entrega, aduanas, métodos de pago y condiciones "
        "de devolución donde usted vive.",
        "home_contact": "¿Necesita más ayuda?",
        "home_contact_text": "Nuestro equipo le atiende por chat, teléfono y correo electrónico. "
        "El teléfono y el horario de su país están en la página de contacto; también puede "
        "escribirnos a {email}.",
        "home_contact_link": "Contactar con nosotros",
        "az_link": "Todas las preguntas y artículos de la A a la Z",
        "not_found_title": "Página no encontrada",
        "not_found_text": "No encontramos esta página. Puede que se haya movido o que la "
        "dirección tenga un error. Busque en el centro de ayuda o elija un tema.",
        "search_label": "Buscar en el centro de ayuda",
        "search_button": "Buscar",
        "topics": "Temas",
        "other_languages": "Otros idiomas",
        "palette_to_dark": "Cambiar al modo oscuro",
        "palette_to_light": "Cambiar al modo claro",
        "permalink": "Enlace permanente",
        "in_english": "{title} (en inglés)",
        "site_name": "Centro de ayuda de {shop}",
        "fallback_title": "Aún sin traducir",
        "fallback_text": "Esta página aún no está disponible en español; "
        "aquí tiene la versión en inglés.",
        "language": "español",
        "machine_title": "Traducción automática",
        "machine_text": "Esta página se ha traducido automáticamente y aún no se ha revisado.",
        "stale_title": "Puede estar desactualizada",
        "stale_text": "La versión en inglés de esta página cambió el {date}; "
        "es posible que esta traducción aún no lo refleje.",
        "legal_title": "Traducción en actualización",
        "legal_text": "La traducción de esta página se está actualizando. "
        "Se aplica la versión en inglés que figura a continuación.",
        "original_link": "Leer el original en inglés",
    },
}


def message(locale: str, key: str, **values: str) -> str:
    """The text `key` in `locale`, with {placeholders} filled in."""
    text, found = text_for(MESSAGES, locale, key, "polyhelp/locales/messages.py")
    # An English notice on a page of an unknown locale names that locale by its code.
    values.setdefault("language", MESSAGES[found]["language"] if found == locale else locale)
    return text.format(**values)
