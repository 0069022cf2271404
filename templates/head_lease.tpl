---
id: head_lease
version: 1
date: 2026-11-23
title: Bail principal en vue de sous-location
---
# Bail principal en vue de sous-location
### Location consentie à un organisme agréé en vue de la sous-location (CCH L.442-8-1 ; loi n° 89-462 du 6 juillet 1989)

## Article 1 — Les parties
Le présent bail est conclu entre :
: Le bailleur | {{landlord.name}} ({{landlord.kindLabel}})
{{#if landlord.address}}
: Demeurant | {{landlord.address}}
{{/if}}
: Le preneur | {{organisation.name}}, représenté par {{organisation.representedBy}}
: Siège | {{organisation.address}}
{{#if organisation.approval}}
: Agrément | {{organisation.approval}}
{{/if}}

Le preneur prend le logement en location **en vue de le sous-louer** à des personnes accompagnées dans le cadre de ses missions. Le bailleur donne son accord exprès à la sous-location et au montant du loyer de sous-location.

## Article 2 — Le logement
: Adresse | {{unit.address}}
{{#if unit.reference}}
: Référence | {{unit.reference}}
{{/if}}
: Type | {{unit.typology}}, {{unit.rooms}} pièce(s) principale(s), étage {{unit.floor}}
: Surface habitable | {{unit.surfaceM2 | m2}}
: Meublé | {{unit.furnished | yesno}}
{{#if unit.energyClass}}
: Classe énergie (DPE) | {{unit.energyClass}}
{{/if}}

## Article 3 — Durée
Le bail prend effet le {{lease.startDate | longdate}} pour une durée de {{lease.durationMonths | months}}, soit jusqu'au {{lease.endDate | longdate}}.

## Article 4 — Loyer, charges et dépôt de garantie
: Loyer mensuel hors charges | {{lease.rentCents | euros}}
: Provision mensuelle sur charges | {{lease.chargesCents | euros}}
: Dépôt de garantie | {{lease.depositCents | euros}}
Le loyer et les charges sont payables mensuellement et d'avance au bailleur.

## Article 5 — Révision du loyer
Le loyer est révisé chaque année à la date anniversaire du bail selon la variation de l'indice de référence des loyers (IRL) publié par l'INSEE ; le trimestre de référence est le **{{lease.irlReferenceQuarter}}** (loi n° 89-462, art. 17-1). Aucune révision n'a lieu pour un logement de classe énergie F ou G.

## Article 6 — Engagements du preneur
{{#if lease.paysRentDuringVacancy}}
- Le preneur s'engage à payer le loyer et les charges au bailleur **que le logement soit occupé ou non**, y compris pendant les périodes de vacance entre deux sous-locataires.
{{/if}}
{{#if lease.restorationAtEnd}}
- À la fin du bail, le preneur restitue le logement en bon état d'usage et prend en charge sa remise en état, déduction faite de l'usure normale.
{{/if}}
- Le preneur assure la gestion locative et l'accompagnement des sous-locataires, et répond envers le bailleur de l'entretien courant du logement.
- Le preneur souscrit une assurance couvrant les risques locatifs.

Fait à {{issued.place}}, le {{issued.date | longdate}}, en deux exemplaires.
::signatures Le bailleur | Le preneur ({{organisation.name}})
