---
id: partial_payment_receipt
version: 1
date: 2026-11-23
title: Reçu de paiement partiel
---
# Reçu de paiement partiel
### {{period.label}} — référence {{reference}}

{{organisation.name}}, pour le compte de {{lessorName}}, reconnaît avoir reçu de **{{tenant.fullName}}**, pour le logement situé {{tenant.address}}, la somme de **{{amountPaidCents | euros}}** le {{paidOn | longdate}}, à valoir sur le loyer et les charges de la période du {{period.from | date}} au {{period.to | date}}.

::table Détail | Montant>
| Montant dû pour la période | {{amountDueCents | euros}} |
| Montant reçu | {{amountPaidCents | euros}} |
| Reste dû | {{remainingCents | euros}} |

::note Ce reçu n'est pas une quittance : la période n'est pas intégralement payée (loi n° 89-462, art. 21).
Fait à {{issued.place}}, le {{issued.date | longdate}}.
