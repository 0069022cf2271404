---
id: rent_receipt
version: 1
title: Quittance de loyer
---
# Quittance de loyer — {{periodLabel}}

Bonjour {{fullName}},

Vous trouverez ci-jointe la quittance de votre loyer pour {{periodLabel}}, d'un montant total de {{totalCents | euros}}. Conservez-la : elle prouve que ce loyer est payé.

::note Quittance délivrée gratuitement (loi n° 89-462 du 6 juillet 1989, art. 21). Vous recevez ce message parce que vous avez accepté de recevoir vos quittances par courriel ; vous pouvez le refuser à tout moment auprès de {{organisationName}}.
