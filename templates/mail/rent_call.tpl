---
id: rent_call
version: 1
title: Avis d'échéance
---
# Avis d'échéance — {{periodLabel}}

Bonjour {{fullName}},

Vous trouverez ci-joint l'avis d'échéance de votre loyer pour {{periodLabel}}.

: Montant à régler | {{totalCents | euros}}
: À payer au plus tard le | {{dueOn | date}}

Pour toute question sur ce montant ou en cas de difficulté de paiement, contactez votre référent chez {{organisationName}} : une solution peut être cherchée ensemble.

::note Vous recevez ce message parce que vous avez accepté de recevoir vos avis d'échéance par courriel. Vous pouvez le refuser à tout moment auprès de {{organisationName}}.
