"""Brazilian Portuguese: the words a Portuguese chat reads, beside English's."""

from __future__ import annotations

from bot.domain.grammar.words import Words

_DAYS = (
    ("segunda", "segunda-feira", "segundas", "segundas-feiras"),
    ("terça", "terça-feira", "terca", "terca-feira", "terças", "terças-feiras"),
    ("quarta", "quarta-feira", "quartas", "quartas-feiras"),
    ("quinta", "quinta-feira", "quintas", "quintas-feiras"),
    ("sexta", "sexta-feira", "sextas", "sextas-feiras"),
    ("sábado", "sabado", "sábados", "sabados"),
    ("domingo", "domingos"),
)

# One phrase list per line would hide the words in a column: kept as written.
# fmt: off
WORDS = Words(
    dateparser=("pt",),
    by=("até", "ate", "para", "antes de", "antes do", "antes da"),
    target=("meta", "objetivo"),
    start=("desde", "partindo de"),
    because=("porque", "pois"),
    until=("até", "ate"),
    pause_from=("de", "desde", "a partir de"),
    pause_for=("por", "durante"),
    day_units=("dias", "dia"),
    week_units=("semanas", "semana"),
    title_tail=("para", "em", "no", "na", "durante"),
    date_phrases={
        "fim de semana": "saturday", "o fim de semana": "saturday",
        "este fim de semana": "saturday", "neste fim de semana": "saturday",
        "natal": "25 december", "o natal": "25 december", "véspera de natal": "24 december",
        "ano novo": "1 january", "depois de amanhã": "in 2 days", "réveillon": "31 december",
    },
    end_of=("fim de", "fim do", "fim da", "final de", "final do", "final da", "o fim do",
            "o fim da", "o final do", "o final da"),
    this=("este", "esta", "neste", "nesta", "deste", "desta"),
    next=("próximo", "próxima", "proximo", "proxima"),
    next_after=("que vem",),
    periods={
        "semana": "week", "mês": "month", "mes": "month", "trimestre": "quarter", "ano": "year",
    },
    articles=("o", "a", "os", "as", "no", "na", "dia"),
    weekdays={form: n for n, forms in enumerate(_DAYS) for form in forms},
    weekday_abbreviations={"seg": 0, "ter": 1, "qua": 2, "qui": 3, "sex": 4, "sáb": 5,
                           "sab": 5, "dom": 6},
    on_track=("no caminho", "em dia", "no ritmo", "bem", "tudo certo", "feito", "fiz",
              "sim", "beleza", "ótimo", "otimo"),
    behind=("atrasado", "atrasada", "atrás", "atras", "devagar", "mal", "perdi", "pulei",
            "doente", "não", "nao"),
    help=("ajuda", "preciso de ajuda", "travado", "travada", "socorro"),
    status_only=("no caminho", "em dia", "atrasado", "atrasada", "ajuda", "preciso de ajuda"),
    schedule={
        "desligar": "off", "desligado": "off", "ligar": "on", "ligado": "on", "aqui": "here",
        "resumo": "summary", "revisão": "review", "revisao": "review",
        "revisões": "reviews", "revisoes": "reviews", "mensal": "monthly",
        "trimestral": "quarterly", "lembretes": "reminders", "hábitos": "habits",
        "habitos": "habits", "hábito": "habit", "habito": "habit", "dias": "days",
        "dia": "day", "diariamente": "daily", "diário": "daily", "diario": "daily",
        "úteis": "weekdays", "uteis": "weekdays", "e": "and",
    },
    counts={
        "uma": 1, "um": 1, "duas": 2, "dois": 2, "três": 3, "tres": 3, "quatro": 4,
        "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
    },
    times=("vezes", "vez"),
    per=("por", "na", "no", "ao", "à", "a", "cada", "toda", "todo"),
    units={"dia": "day", "semana": "week", "mês": "month", "mes": "month"},
    count_days=("dias",),
    daily=("todos os dias", "todo dia", "todo santo dia", "diariamente", "por dia", "ao dia",
           "cada dia"),
    weekly=("toda semana", "todas as semanas", "semanalmente", "por semana", "cada semana",
            "na semana"),
    monthly=("todo mês", "todo mes", "todos os meses", "mensalmente", "por mês", "por mes",
             "cada mês", "no mês"),
    on_weekdays=("em dias úteis", "nos dias úteis", "dias úteis", "dias uteis",
                 "de segunda a sexta"),
    on_weekends=("nos fins de semana", "aos fins de semana", "fins de semana",
                 "todo fim de semana"),
    on_days=("às", "as", "aos", "toda", "todo", "todas as", "todos os", "nas", "nos"),
    and_words=("e",),
    at_least=("pelo menos", "no mínimo", "no minimo", "mínimo", "minimo"),
    at_most=("no máximo", "no maximo", "não mais que", "não mais de", "máximo", "maximo"),
    yesterday=("ontem",),
    before_yesterday=("anteontem",),
    duration_before=("em", "durante", "por", "após", "depois"),
    vague=(r"melhor\w*", "mais", "menos", r"em forma", r"saudáve\w*", r"feliz\w*",
           r"produtiv\w*", "coisas", r"de alguma forma", r"tentar\w*", r"aumentar\w*",
           r"reduzir\w*", r"diminuir\w*", r"crescer\w*", r"emagrecer\w*", r"ganhar\w*",
           r"trabalhar em"),
)
# fmt: on
