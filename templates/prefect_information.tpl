---
id: prefect_information
version: 1
date: 2026-12-02
title: Information du préfet — bail glissant
---
# Information du représentant de l'État
### Bail glissant — code de la construction et de l'habitation, art. L.442-8-3

: Expéditeur | {{landlord.name}} ({{landlord.kindLabel}})
: Adresse | {{landlord.address}}
: Destinataire | Monsieur le Préfet ou Madame la Préfète — {{prefect.department}}
: Objet | Fin de la période de révision d'un bail glissant

## Le logement
: Adresse | {{unit.address}}
: Type | {{unit.typology}}, {{unit.surfaceM2 | m2}}

## La sous-location
Le logement est loué à {{organisation.name}}, organisme agréé ({{organisation.approval}}), qui le sous-loue depuis le {{sublease.startDate | longdate}} à {{tenant.fullName}} avec une clause de glissement.
: Fin de la période de révision | **{{sublease.targetDate | longdate}}**
: Points d'étape tenus | {{sublease.reviewsHeld}}
: Dernier point d'étape | {{sublease.lastReviewLabel}}

Conformément à l'article L.442-8-3 du code de la construction et de l'habitation, le bailleur vous informe, deux mois avant l'échéance de la période de révision, de la situation de ce bail glissant en vue du transfert du bail au nom de l'occupant.

Fait à {{issued.place}}, le {{issued.date | longdate}}.
::signatures Le bailleur | L'organisme agréé
