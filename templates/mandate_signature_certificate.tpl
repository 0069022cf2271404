---
id: mandate_signature_certificate
version: 1
date: 2026-11-23
title: Certificat de signature électronique
---
# Certificat de signature électronique
### Mandat de gestion n° {{mandateNumber}}

Le mandat qui précède a été signé électroniquement par le mandant depuis son espace propriétaire.
: Mandant | {{landlordName}}
: Nom saisi par le signataire | {{signerName}}
: Date et heure de signature | {{signedAtLabel}}
: Adresse IP | {{ip}}
: Navigateur | {{userAgent}}
: Consentement exprimé | « {{consentText}} »
: Document signé (identifiant) | {{originalDocumentId}}
: Empreinte SHA-256 du document signé | {{originalSha256}}

::note L'empreinte SHA-256 identifie de manière unique le document présenté au signataire : toute modification de ce document produirait une empreinte différente. Un document signé n'est jamais modifié ; une correction donne lieu à une nouvelle version.
