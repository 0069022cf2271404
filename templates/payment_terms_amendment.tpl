---
id: payment_terms_amendment
version: 1
date: 2026-12-02
title: Avenant au contrat — modalités de paiement du loyer
---
# Avenant au contrat
### Modalités de paiement du loyer (loi n° 89-462 du 6 juillet 1989, art. 3 : date ou période de paiement)

## Les parties
: Le bailleur | {{lessor.name}}
: Adresse | {{lessor.address}}
: Le locataire | {{tenant.fullName}}

## Le logement
: Adresse | {{unit.address}}
: Type | {{unit.typology}}, {{unit.surfaceM2 | m2}}
: Contrat | {{terms.contractTitle}} du {{terms.contractStartDate | longdate}}

## Modalités jusqu'ici
: Périodicité | {{terms.previousFrequencyLabel}}
: Jour de paiement | {{terms.previousPaymentDayLabel}}

## Nouvelles modalités
À la demande du locataire, le loyer et les charges sont désormais appelés :
: Périodicité | **{{terms.newFrequencyLabel}}**
: Jour de paiement | **{{terms.newPaymentDayLabel}}**
: À compter du | **{{terms.appliesFrom | longdate}}**
Les périodes déjà appelées restent telles quelles. Le montant du loyer ({{terms.rentCents | euros}} par mois) et des charges ({{terms.chargesCents | euros}} par mois) ne change pas : seul le rythme de paiement est adapté. Les autres clauses du contrat demeurent inchangées.

Fait à {{issued.place}}, le {{issued.date | longdate}}, en deux exemplaires.
::signatures Le bailleur | Le locataire
