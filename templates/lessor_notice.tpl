---
id: lessor_notice
version: 1
date: 2026-12-02
title: Congé délivré par le bailleur
---
# Congé délivré par le bailleur
### Loi n° 89-462 du 6 juillet 1989, art. {{notice.article}}

## Les parties
: Le bailleur | {{lessor.name}}
: Adresse | {{lessor.address}}
: Le locataire | {{tenant.fullName}}

## Le logement
: Adresse | {{unit.address}}
: Contrat | {{notice.contractTitle}} du {{notice.contractStartDate | longdate}}

## Le congé
Le bailleur donne congé au locataire pour le terme du contrat, le **{{notice.effectiveDate | longdate}}**. Le locataire a reçu ce congé le {{notice.receivedOn | longdate}}, au moins {{notice.leadMonths | months}} avant ce terme.
: Motif | {{notice.motiveLabel}}
: Énoncé du motif | {{notice.motiveDetail}}
Le locataire peut quitter le logement à tout moment pendant le préavis ; il ne doit alors le loyer et les charges que pour le temps où il a occupé réellement le logement.
{{#if notice.winterTruce}}
Trêve hivernale : aucune expulsion ne peut être exécutée du {{notice.winterTruce.from | longdate}} au {{notice.winterTruce.to | longdate}} (code des procédures civiles d'exécution, art. L.412-6).
{{/if}}
Le locataire reste accompagné par l'organisme : la fin du bail n'interrompt pas l'accompagnement, et un relogement respectant ses choix lui est proposé.

Fait à {{issued.place}}, le {{issued.date | longdate}}.
::signatures Le bailleur | Le locataire
