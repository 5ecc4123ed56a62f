"""Demo copy for the service pages: modest, accurate, no promised results.

Each entry: slug, title, kind, summary, body paragraphs, approach paragraphs, risks, off-label note, FAQs.
"""

OFF_LABEL = (
    "Ketamine is approved by the U.S. Food and Drug Administration (FDA) as an anesthetic. Its use for {use} "
    "is off-label: it is not FDA-approved for this purpose. A related medicine, esketamine nasal spray, is "
    "FDA-approved for some forms of depression; it is a different product. Your clinician will explain what "
    "this means for you before any treatment."
)

KETAMINE_RISKS = (
    "Common effects during and shortly after a dose include feeling detached or dreamlike (dissociation), "
    "dizziness, nausea, blurred vision, drowsiness and a temporary rise in blood pressure and heart rate. "
    "These usually pass within hours. Ketamine can slow breathing, and the risk is greater when it is combined "
    "with opioids, benzodiazepines, alcohol or other sedating medicines, so tell us about everything you take. "
    "It can cause psychiatric effects such as anxiety, confusion or, rarely, hallucinations. Any improvement in "
    "mood often fades within days to weeks, so many people go on to repeat (maintenance) treatments, each with "
    "the same risks. Ketamine can be misused, and repeated or frequent use has been linked to bladder damage "
    "(ulcerative cystitis) and memory problems: tell us at once about pain, urgency or blood when passing urine. "
    "It is not suitable for everyone, including people with uncontrolled high blood pressure, some heart "
    "conditions, a history of psychosis, or who are pregnant. You must not drive until the next day after a "
    "treatment."
)

FUNCTIONAL_RISKS = (
    "Tests and supplements carry their own risks and costs: a blood draw can bruise, and supplements can "
    "interact with prescription medicines. We review everything you take before recommending changes, and we "
    "recommend only tests whose results would change your care."
)

CONDITIONS = [
    {
        "slug": "depression",
        "title": "Depression",
        "summary": "Depression is common and treatable. We offer an evaluation and, where appropriate, ketamine treatment alongside functional medicine.",
        "use": "depression",
        "body": [
            "Depression is more than sadness. It can change sleep, appetite, energy, concentration and the ability to enjoy things, and it often lasts for weeks or months.",
            "Many people improve with psychotherapy and standard antidepressants. When several treatments have not helped enough, a physician may discuss other options, including ketamine.",
            "The evidence for ketamine is strongest for treatment-resistant depression: depression that has not improved enough after at least two antidepressants taken at a good dose for long enough. In studies, many people felt better within hours to days, but the effect of a single treatment usually faded within one to two weeks, and not everyone responded. Research on its long-term effects is still limited.",
        ],
        "approach": [
            "Your first visit is a medical and psychiatric evaluation. We ask about your history, current medicines and what you have already tried, and we check whether ketamine is safe for you.",
            "If it is appropriate, we may recommend a series of IV ketamine infusions or our at-home program, together with a functional medicine review of factors such as sleep, thyroid function, nutrition and inflammation. We coordinate with your therapist or psychiatrist where you have one.",
        ],
        "faqs": [
            (
                "Will ketamine cure my depression?",
                "No treatment can promise that. Some people feel better within days; others notice little change. We review your progress with you and stop if it is not helping.",
            ),
            (
                "Do I have to stop my current medicines?",
                "Usually not. Never stop a medicine on your own; we review everything you take and coordinate any change with your prescriber.",
            ),
        ],
    },
    {
        "slug": "anxiety",
        "title": "Anxiety",
        "summary": "Persistent worry and fear can be treated. We look at the whole picture, and discuss ketamine only where evidence and your history support it.",
        "use": "anxiety",
        "body": [
            "Anxiety disorders cause worry, fear or panic that is hard to control and that gets in the way of daily life. Physical symptoms such as a racing heart, poor sleep and muscle tension are common.",
            "Psychotherapy, especially cognitive behavioral therapy, and standard medicines help many people. Research on ketamine for anxiety is still limited, and we explain what is and is not known.",
        ],
        "approach": [
            "We start with an evaluation that includes medical causes that can mimic or worsen anxiety, such as thyroid problems, caffeine, sleep disorders and some medicines.",
            "Where it may help, we discuss ketamine treatment as one part of a plan that also includes therapy and lifestyle support.",
        ],
        "faqs": [
            (
                "Can ketamine make anxiety worse?",
                "The dissociative effects during a treatment can feel uncomfortable, and some people feel anxious during a session. Our staff stay with you and can adjust or stop a treatment.",
            ),
        ],
    },
    {
        "slug": "ptsd",
        "title": "PTSD",
        "summary": "Post-traumatic stress disorder can follow a frightening or harmful event. Trauma-focused therapy comes first; ketamine may be discussed as an addition.",
        "use": "post-traumatic stress disorder (PTSD)",
        "body": [
            "PTSD can bring intrusive memories, nightmares, avoidance, feeling constantly on guard and changes in mood. It can develop after combat, assault, accidents, loss or other trauma.",
            "Trauma-focused psychotherapies have the strongest evidence. Studies of ketamine for PTSD are early and mixed, and we discuss them honestly.",
        ],
        "approach": [
            "We work alongside your therapist. Ketamine, if used at all, is offered as an addition to trauma-focused care, never as a replacement for it.",
            "Sessions take place in a calm, private room with staff present throughout.",
        ],
        "faqs": [
            (
                "Do I need to talk about my trauma at the first visit?",
                "No. We ask what we need to know to keep you safe, and you decide how much to share.",
            ),
        ],
    },
    {
        "slug": "ocd",
        "title": "OCD",
        "summary": "Obsessive-compulsive disorder is treatable. Exposure-based therapy and standard medicines come first; ketamine is an area of ongoing research.",
        "use": "obsessive-compulsive disorder (OCD)",
        "body": [
            "OCD involves unwanted, distressing thoughts (obsessions) and repeated actions or mental rituals (compulsions) done to relieve the distress. It can take up hours of a day.",
            "Exposure and response prevention therapy and certain antidepressants are the established treatments. Evidence for ketamine in OCD comes from small studies, and effects may be short-lived.",
        ],
        "approach": [
            "We review your diagnosis and past treatment with you and, where appropriate, with your therapist. We discuss ketamine only when standard treatments have not helped enough and the possible benefits outweigh the risks.",
        ],
        "faqs": [
            (
                "Is ketamine a first treatment for OCD?",
                "No. It is considered only after established treatments, and as part of a wider plan.",
            ),
        ],
    },
    {
        "slug": "chronic-pain",
        "title": "Chronic pain",
        "summary": "Long-lasting pain affects sleep, mood and daily life. We look for contributing causes and discuss whether ketamine may have a place in your care.",
        "use": "chronic pain",
        "body": [
            "Chronic pain lasts longer than three months. It often comes with poor sleep, low mood and fatigue, and each can make the others worse.",
            "Ketamine has been studied for some pain conditions, such as complex regional pain syndrome and certain nerve pain. Results vary, and it is not right for every kind of pain.",
        ],
        "approach": [
            "We coordinate with your pain specialist or primary care physician, review your medicines, and look at factors such as inflammation, sleep and nutrition.",
            "If ketamine is appropriate, pain protocols often use different doses and longer infusions than those for depression; we explain the plan before you start.",
        ],
        "faqs": [
            (
                "Can I keep taking my pain medicines?",
                "Tell us about every medicine you take, including opioids. Some combinations need care, and we plan around them with your prescriber.",
            ),
        ],
    },
]

TREATMENTS = [
    {
        "slug": "iv-ketamine-infusion",
        "title": "IV ketamine infusion",
        "summary": "Ketamine given through a vein over about 40 minutes, in our clinic, with a clinician monitoring you throughout.",
        "use": "depression, anxiety, PTSD, OCD and chronic pain",
        "body": [
            "An IV infusion delivers a low, carefully measured dose of ketamine through a small tube in a vein in your arm. The dose is far below that used for anesthesia.",
            "A typical course for depression is a series of infusions over two to three weeks, followed by a review of how you are doing.",
        ],
        "approach": [
            "Before treatment you have a full evaluation. On the day, we check your blood pressure and heart rate, and you rest in a reclining chair in a quiet room while a clinician monitors you.",
            "Most people feel detached or dreamlike during the infusion. The effects fade within an hour or two after it ends. You will need someone to drive you home, and you should not drive until the next day.",
        ],
        "faqs": [
            (
                "How many infusions will I need?",
                "It varies. We agree a plan with you after your evaluation and review it as you go; we do not sell fixed packages of results.",
            ),
            (
                "Is IV ketamine covered by insurance?",
                "Because it is off-label, insurers often do not cover it. We give you the cost in writing before you start.",
            ),
        ],
    },
    {
        "slug": "at-home-ketamine-program",
        "title": "At-home ketamine program",
        "summary": "For suitable patients, ketamine taken at home under a clinician's prescription and follow-up, with safety rules that must be followed every time.",
        "use": "depression and other mental health conditions",
        "body": [
            "Some patients, after an in-person evaluation, may be offered ketamine to take at home in a dissolving tablet or lozenge. It is prescribed in small amounts with clear instructions.",
            "At-home treatment is not right for everyone. It is less closely monitored than an infusion, and it requires a responsible adult to be present during each session.",
            "The tablets and lozenges used at home are made by compounding pharmacies. Compounded medicines are not FDA-approved: the FDA has not checked their safety, effectiveness or quality. In October 2023 the FDA warned patients and clinicians about compounded ketamine for psychiatric conditions. It pointed out that, taken at home, ketamine is used without a health care provider watching for problems such as sedation, slowed breathing or a rise in blood pressure, and that it knew of no evidence that compounded ketamine is safer or more effective than FDA-approved treatments. Ask us how the in-clinic options compare for you.",
        ],
        "approach": [
            "You have an evaluation first, and regular check-ins with our clinicians while you are in the program. We track your mood and side effects and adjust or stop the plan if needed.",
            "The medicine must be stored securely, never shared, and never taken before driving or with alcohol or sedatives.",
        ],
        "faqs": [
            (
                "Who is not eligible for the at-home program?",
                "People with certain heart, blood pressure or psychiatric conditions, a history of substance misuse, or no one to be present during sessions. We explain our decision either way.",
            ),
        ],
    },
    {
        "slug": "functional-medicine",
        "title": "Functional medicine",
        "summary": "A whole-person review of the physical factors that can affect mood and pain, such as sleep, nutrition, hormones and inflammation.",
        "use": None,
        "body": [
            "Functional medicine looks at how different body systems interact. For mood and pain, that can mean looking at sleep, diet, activity, thyroid and other hormones, vitamin levels and inflammation.",
            "It works alongside standard medical and psychiatric care, not instead of it.",
            "Research on functional medicine as a whole is limited, and some tests offered by specialty laboratories have not been shown to improve care. Insurance may not cover these visits or tests; we tell you the cost before ordering anything.",
        ],
        "approach": [
            "We take a detailed history and may recommend laboratory tests where they would change your care. Together we agree practical steps, such as changes to sleep, nutrition or activity, and review them over time.",
        ],
        "faqs": [
            ("Will I need a lot of tests?", "No. We recommend a test only when its result would change what we do."),
        ],
    },
]
