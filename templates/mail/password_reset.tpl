---
id: password_reset
version: 1
title: Réinitialisation du mot de passe
---
# Réinitialisation de votre mot de passe

Bonjour {{fullName}},

Un administrateur de {{organisationName}} a demandé la réinitialisation de votre mot de passe. Pour en choisir un nouveau, ouvrez ce lien :

{{url}}

Ce lien ne sert qu'une fois et n'est valable que 24 heures (jusqu'au {{expiresOn | date}}). Les liens envoyés précédemment ne fonctionnent plus.

::note Si vous n'êtes pas à l'origine de cette demande, prévenez l'administrateur de votre organisation : votre mot de passe actuel reste valable tant que le lien n'est pas utilisé.
