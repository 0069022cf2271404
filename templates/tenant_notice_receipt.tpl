---
id: tenant_notice_receipt
version: 1
date: 2026-12-02
title: Accusé de réception du congé du locataire
---
# Accusé de réception du congé
### Congé donné par le locataire — loi n° 89-462 du 6 juillet 1989, art. {{notice.article}}

## Les parties
: Le bailleur | {{lessor.name}}
: Adresse | {{lessor.address}}
: Le locataire | {{tenant.fullName}}

## Le logement
: Adresse | {{unit.address}}
: Type | {{unit.typology}}, {{unit.surfaceM2 | m2}}
: Contrat | {{notice.contractTitle}} du {{notice.contractStartDate | longdate}}

## Le congé
Le bailleur a reçu le **{{notice.receivedOn | longdate}}** le congé du locataire.
: Motif invoqué | {{notice.reasonLabel}}
{{#if notice.reasonStated}}
: Justificatif reçu avec la lettre | {{notice.justificationReceived | yesno}}
{{/if}}
: Délai de préavis | {{notice.periodMonths | months}}
: Fondement du délai | {{notice.groundLabel}}
: Fin du préavis | **{{notice.effectiveDate | longdate}}**
{{#if notice.unjustifiedReason}}
Le motif de préavis réduit n'a pas été justifié au moment de l'envoi de la lettre : le délai de trois mois s'applique (loi 89-462 art. 15 I).
{{/if}}
Le loyer et les charges restent dus jusqu'à la fin du préavis, sauf si le logement est reloué plus tôt avec l'accord du bailleur. Un état des lieux de sortie sera établi contradictoirement ; le dépôt de garantie est restitué dans le délai de l'article 22.

Fait à {{issued.place}}, le {{issued.date | longdate}}.
::signatures Le bailleur | Le locataire
