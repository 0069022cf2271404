---
id: mandate_signature_certificate
version: 3
date: 2026-12-02
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

## Scellement du fichier
{{#if seal.sealed}}
Ce fichier porte le cachet électronique de l'organisme : une signature PAdES (ETSI.CAdES.detached), faite avec le certificat décrit ci-dessous, couvre l'ensemble du fichier. Un lecteur PDF la vérifie ; toute modification du fichier la rend invalide.
: Titulaire du certificat | {{seal.holder}}
: Émetteur du certificat | {{seal.issuer}}
: Numéro de série | {{seal.serialNumber}}
::note La date du cachet est celle de l'horloge du serveur de l'organisme ; il ne porte pas d'horodatage délivré par un tiers.
{{else}}
Ce fichier n'est **pas scellé** électroniquement : aucun certificat de l'organisme n'est configuré. Son empreinte SHA-256, calculée sur le fichier final, est inscrite au journal d'audit de l'organisme au moment de la signature : elle permet d'en vérifier l'intégrité.
{{/if}}
