//! The scripts shipped with the app, one or more per scenario, in Chinese and English.
//!
//! They follow DOMAIN.md "During a visit": an opening that greets by honorific, says who calls
//! and why and asks for 3–5 minutes; the purpose; core questions; a promise to answer within the
//! reply time when something can't be settled on the call; a closing with thanks, the support
//! channel and a personal touch. The lines every call shares (greeting, asking for time, the
//! common objections, thanks) are written once in [`CommonLines`] and put together at run time,
//! which keeps the wasm small and the scripts consistent.

use super::{Fallback, Focus, Origin, Round, Script, Sections};
use crate::domain::customer::Severity;
use crate::domain::lang::Lang;
use crate::domain::scenario::Scenario;
use crate::domain::tier::Tier;

/// The built-in used when nothing else fits.
pub const GENERAL: &str = "general";

/// A built-in's script id is this prefix and its built-in id (`builtin:birthday`).
pub const ID_PREFIX: &str = "builtin:";

/// How the shared lines wrap a script.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A phone call: greeting and introduction, asking for time, the common objections, thanks.
    Call,
    /// A short call of good wishes: greeting and introduction only; no time asked, no selling.
    Greeting,
    /// On site: greeting, the reply-time promise, thanks for receiving us.
    Visit,
    /// A call whose opening introduces someone else (the specialist): asks for time, common
    /// objections and thanks as a call.
    OwnIntro,
    /// A written message: the opening is the whole text.
    Message,
}

struct Text {
    name: &'static str,
    /// The scenario's part of the opening: why we call.
    why: &'static str,
    purpose: &'static str,
    questions: &'static [&'static str],
    tips: &'static [&'static str],
    fallbacks: &'static [(&'static str, &'static str)],
    /// The personal touch after the shared thanks.
    closing: &'static str,
}

struct Builtin {
    id: &'static str,
    scenario: Scenario,
    tier: Option<Tier>,
    severity: Option<Severity>,
    round: Option<Round>,
    kind: Kind,
    zh: Text,
    en: Text,
}

struct CommonLines {
    intro: &'static str,
    ask: &'static str,
    intro_visit: &'static str,
    busy: (&'static str, &'static str),
    cannot_answer: (&'static str, &'static str),
    unwilling: (&'static str, &'static str),
    thanks_call: &'static str,
    thanks_visit: &'static str,
}

const ZH: CommonLines = CommonLines {
    intro: "您好，请问是{称呼}吗？我是{公司}的{坐席}。",
    ask: "想占用您三五分钟时间，您现在方便吗？",
    intro_visit: "{称呼}您好！我是{公司}的{坐席}。",
    busy: ("“现在没空／在忙。”", "不好意思打扰您了！您看什么时候方便？我到时候再打给您。"),
    cannot_answer: ("问到当场答不上来的问题", "这个问题我先记下来，{时限}内一定给您答复。请问还是打这个号码联系您吗？"),
    unwilling: ("“不需要回访。”", "好的，理解您。那就不多打扰了，以后有需要随时打{热线}找我们。"),
    thanks_call: "感谢您抽空接听！以后有任何问题，欢迎随时拨打{热线}联系我们。",
    thanks_visit: "感谢您的配合！以后有任何问题，欢迎随时拨打{热线}联系我们。",
};

const EN: CommonLines = CommonLines {
    intro: "Hello, is this {name}? This is {agent} from {company}.",
    ask: "Could I have three to five minutes of your time? Is now a good moment?",
    intro_visit: "Hello {name}, I'm {agent} from {company}.",
    busy: (
        "“I'm busy right now.”",
        "Sorry to catch you at a busy time! When would suit you better? I'll call you back then.",
    ),
    cannot_answer: (
        "A question you can't answer on the spot",
        "Let me note that down. I'll get back to you within {reply_within}. Is this still the best number to reach you?",
    ),
    unwilling: (
        "“I don't want a follow-up call.”",
        "Of course, I understand. I won't keep you. If you ever need us, just call {hotline}.",
    ),
    thanks_call: "Thank you for taking my call! If anything comes up, you can always reach us on {hotline}.",
    thanks_visit: "Thank you for having us today! If anything comes up, you can always reach us on {hotline}.",
};

// Lines several scripts share.
const ZH_SCORE: &str = "如果用 1 到 5 分打分，1 分最低、5 分最高，您给我们打几分？";
const EN_SCORE: &str = "On a scale of 1 to 5, where 5 is best, how would you rate us?";
const ZH_CARE_HOW: &str = "最近{产品}用得怎么样？有没有什么新的需要？";
const EN_CARE_HOW: &str = "How has the {product} been lately? Is there anything new you need?";
const ZH_CARE_SUGGEST: &str = "对我们的产品和服务，您有什么建议吗？";
const EN_CARE_SUGGEST: &str = "Is there anything you'd like us to do better, in our products or our service?";
const ZH_CARE_PURPOSE: &str = "听听老客户的使用体验和新需求，收集建议，结合购买记录推荐相关产品。";
const EN_CARE_PURPOSE: &str = "Hear how a regular customer is getting on and what they need now, collect suggestions, and recommend related products based on what they have bought.";
const ZH_SIGN: &str = "结束前请客户在本机上签字确认；客户不愿签字的，记下原因。";
const EN_SIGN: &str = "Before you leave, ask the customer to sign on this device; if they decline, note why.";

const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "activation",
        scenario: Scenario::Activation,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "新客户激活回访",
            why: "感谢您选择{公司}！您的{产品}用了有一段时间了，今天特地打电话问问使用情况，看看有没有需要帮忙的地方。",
            purpose: "帮新客户顺利用起来：解答使用疑问，分享一两个实用技巧，让客户知道有问题找谁。",
            questions: &[
                "{产品}用起来顺手吗？有没有哪里不太会用？",
                "安装和说明书都清楚吗？需要我再给您讲讲吗？",
                "到目前为止，有没有让您不太满意的地方？",
                "以后联系您，电话、短信还是微信更方便？一般什么时间合适？",
            ],
            tips: &[
                "先听客户说完再解答，不要一上来就推销。",
                "分享一两个实用技巧就够了，比如日常保养或常用功能。",
                "把客户习惯的联系方式和时间记进客户资料。",
            ],
            fallbacks: &[(
                "“挺好的，没什么问题。”",
                "那太好了！再跟您分享一个小技巧：……。以后用着有任何疑问，随时找我。",
            )],
            closing: "很高兴您成为{公司}的客户，祝您使用愉快！",
        },
        en: Text {
            name: "New-customer welcome call",
            why: "Thank you for choosing {company}! You've had your {product} for a little while now, so I'm calling to see how it's going and whether we can help with anything.",
            purpose: "Help a new customer get off to a good start: answer their questions, share a tip or two, and make sure they know whom to contact.",
            questions: &[
                "How are you getting on with the {product}? Is there anything you're not sure how to use?",
                "Were the set-up and the instructions clear? Would you like me to walk you through anything?",
                "So far, is there anything you're not happy with?",
                "How would you like us to contact you in future: phone, text or WeChat? And when suits you best?",
            ],
            tips: &[
                "Let the customer finish before you answer, and don't open with a sales pitch.",
                "One or two practical tips are enough, such as everyday care or a handy feature.",
                "Note the customer's preferred channel and time in their profile.",
            ],
            fallbacks: &[(
                "“It's fine, no problems.”",
                "Great to hear! Here's one quick tip: …. If any questions come up, just get in touch.",
            )],
            closing: "Welcome to {company}, and enjoy your {product}!",
        },
    },
    Builtin {
        id: "post_purchase",
        scenario: Scenario::PostPurchase,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "购买后回访",
            why: "您{购买日期}买的{产品}，到今天是第{天数}天了，想问问您用得怎么样。",
            purpose: "了解购买后各阶段的体验：前期看安装和上手，后期看使用效果、保养和新的需要。",
            questions: &[
                "{产品}用了这段时间，感觉怎么样？",
                "有没有遇到什么问题，或者不太明白的功能？",
                "送货和安装都还顺利吧？现在有没有需要我们上门调整的地方？",
                ZH_SCORE,
            ],
            tips: &[
                "头一周重在上手和安装；一个月以后重在使用效果、保养提醒和相关产品推荐。",
                "客户对相关产品有兴趣的，记成“潜在需求”。",
            ],
            fallbacks: &[("“还没怎么用。”", "没关系！用上以后有任何问题随时找我们。要不要我先把使用要点发短信给您？")],
            closing: "祝您用得开心！",
        },
        en: Text {
            name: "After-purchase call",
            why: "You bought the {product} on {purchase_date}, so today is day {day}, and I'd like to hear how you're finding it.",
            purpose: "Hear how things are going at each stage after a purchase: early on, delivery and getting started; later, results, care and new needs.",
            questions: &[
                "How have you found the {product} so far?",
                "Have you run into any problems, or features you're not sure about?",
                "Did the delivery and installation go smoothly? Is there anything you'd like us to come and adjust?",
                EN_SCORE,
            ],
            tips: &[
                "In the first week, focus on set-up and getting started; after a month, on results, care reminders and related products.",
                "If the customer is interested in a related product, log it as a potential need.",
            ],
            fallbacks: &[(
                "“I've hardly used it yet.”",
                "No problem! Once you do, call us with any question. Shall I text you a few quick tips to get started?",
            )],
            closing: "Enjoy your {product}!",
        },
    },
    Builtin {
        id: "after_service",
        scenario: Scenario::AfterService,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "服务后回访",
            why: "{处理日期}我们为您处理了{问题}，今天打电话确认一下效果。",
            purpose: "确认服务或维修真正解决了问题，了解服务人员的表现。",
            questions: &[
                "现在使用正常吗？问题有没有再出现？",
                "服务人员准时吗？态度和专业程度您满意吗？",
                "有没有收取额外费用，或者让您不放心的地方？",
                ZH_SCORE,
            ],
            tips: &[
                "问题还在的，当场登记为“需跟进问题”：客户没法正常使用的选“紧急”，并交给技术或售后部门。",
                "对服务人员的表扬和批评都如实记录。",
            ],
            fallbacks: &[(
                "“还是不行／又坏了。”",
                "真是抱歉又给您添麻烦了！我马上登记，安排专人处理，{时限}内给您回电确认时间。",
            )],
            closing: "再有任何情况，我们都会优先为您处理。祝您生活愉快！",
        },
        en: Text {
            name: "After-service call",
            why: "On {fixed_date} we took care of {problem} for you, and I'm calling to check that everything is working well now.",
            purpose: "Make sure the service or repair really solved the problem, and hear how our technician did.",
            questions: &[
                "Is everything working normally now? Has the problem come back?",
                "Was the technician on time? Were you happy with how they treated you and with their work?",
                "Were you charged anything extra, or did anything worry you?",
                EN_SCORE,
            ],
            tips: &[
                "If the problem is still there, log a follow-up item on the spot: urgent if the customer can't use the product, and hand it to the technical or after-sales team.",
                "Write down praise and criticism of the technician as the customer puts it.",
            ],
            fallbacks: &[(
                "“It still doesn't work / it broke again.”",
                "I'm so sorry for the trouble! I'm logging it now and someone will take care of it. I'll call you back within {reply_within} to arrange a time.",
            )],
            closing: "If anything else happens, we'll put you first. Have a good day!",
        },
    },
    Builtin {
        id: "complaint",
        scenario: Scenario::ComplaintFollowUp,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "投诉回访",
            why: "您之前反映的{问题}，我们已经在{处理日期}处理完毕，今天特地来电跟您确认一下结果。",
            purpose: "确认客户反映的问题已经真正解决，挽回客户的信任。",
            questions: &[
                "首先，再次为给您带来的不便向您道歉。",
                "我们是这样处理的：……（做了什么、什么时候完成）。现在情况怎么样，问题解决了吗？",
                "对这次的处理结果您满意吗？1 到 5 分您打几分？",
                "还有没有其他需要我们帮忙的？",
            ],
            tips: &[
                "先道歉，再说明处理经过和完成时间；不辩解，不推责。",
                "客户确认解决的，勾选“客户确认已解决”；没解决的，登记紧急跟进事项，回访会继续安排。",
            ],
            fallbacks: &[
                (
                    "“问题还是没解决！”",
                    "非常抱歉！我马上登记为紧急问题，{时限}内给您答复具体的解决办法。请问还是打这个号码联系您吗？",
                ),
                (
                    "“你们的服务太差了。”",
                    "您的心情我完全理解，真的很抱歉。能具体说说是哪个环节让您不满意吗？我如实记下来，反馈给负责的部门改进。",
                ),
            ],
            closing: "这次给您添麻烦了，您提的意见我们都会认真改进。",
        },
        en: Text {
            name: "Complaint follow-up",
            why: "You told us about {problem}, which we finished dealing with on {fixed_date}. I'm calling to make sure it's really sorted out.",
            purpose: "Confirm that the problem the customer reported is truly solved, and win back their trust.",
            questions: &[
                "First, let me apologise once more for the inconvenience.",
                "Here's what we did: … (what was done, and when it was finished). How are things now? Is the problem solved?",
                "Are you satisfied with how we handled it? On a scale of 1 to 5, how would you rate it?",
                "Is there anything else we can help you with?",
            ],
            tips: &[
                "Apologise first, then explain what was done and when. Don't argue and don't blame others.",
                "If the customer confirms it's solved, tick “Customer confirms it is settled”; if not, log an urgent follow-up item and the follow-ups continue.",
            ],
            fallbacks: &[
                (
                    "“It still isn't fixed!”",
                    "I'm very sorry! I'm logging it as urgent right now, and I'll come back to you within {reply_within} with how and when we'll fix it. Is this still the best number to reach you?",
                ),
                (
                    "“Your service is terrible.”",
                    "I completely understand how you feel, and I'm sorry. Could you tell me which part disappointed you? I'll write it down exactly and pass it to the team responsible.",
                ),
            ],
            closing: "We're sorry for the trouble, and what you told us will help us do better.",
        },
    },
    Builtin {
        id: "complaint_major",
        scenario: Scenario::ComplaintFollowUp,
        tier: None,
        severity: Some(Severity::Major),
        round: Some(Round::First),
        kind: Kind::Visit,
        zh: Text {
            name: "重大投诉上门回访",
            why: "关于{问题}，我们已于{处理日期}处理完毕。今天专程上门，当面向您致歉，也确认一下结果。",
            purpose: "重大投诉由经理上门回访：当面致歉，说明处理结果和整改措施，确认问题彻底解决，并请客户签字确认。",
            questions: &[
                "首先，我代表公司向您郑重道歉。",
                "我们做了这些处理：……；今后会这样避免：……。",
                "请您看看现在的情况，问题彻底解决了吗？",
                "对处理结果您满意吗？还有什么要求，请直接告诉我。",
            ],
            tips: &["带上处理记录和整改说明；先听客户说，再讲处理经过。", ZH_SIGN],
            fallbacks: &[(
                "“光道歉有什么用？”",
                "您说得对，光道歉不够。我们已经……；您还有什么具体要求，我今天记下来，{时限}内给您明确答复。",
            )],
            closing: "谢谢您给我们改正的机会。后续由我负责跟进，有事请直接找我。",
        },
        en: Text {
            name: "Major complaint: on-site visit",
            why: "We finished dealing with {problem} on {fixed_date}, and I've come in person to apologise and to make sure everything is now right.",
            purpose: "A major complaint gets a visit from a manager: apologise face to face, explain what was done and what will change, confirm the problem is fully solved, and have the customer sign.",
            questions: &[
                "First, on behalf of the company, please accept our sincere apologies.",
                "Here is what we did: …; and this is how we'll prevent it from happening again: ….",
                "Could you take a look with me: is the problem completely solved?",
                "Are you satisfied with the outcome? If there's anything else you need, please tell me.",
            ],
            tips: &["Bring the handling record and the corrective actions; listen first, then explain.", EN_SIGN],
            fallbacks: &[(
                "“What good is an apology?”",
                "You're right, an apology alone isn't enough. We have already …; tell me anything else you need, and I'll give you a clear answer within {reply_within}.",
            )],
            closing: "We appreciate the chance to put this right. I'll personally follow it up; contact me directly any time.",
        },
    },
    Builtin {
        id: "complaint_repeat",
        scenario: Scenario::ComplaintFollowUp,
        tier: None,
        severity: None,
        round: Some(Round::Later),
        kind: Kind::Call,
        zh: Text {
            name: "投诉再次回访",
            why: "上次回访时您说{问题}还没有完全解决，我们又做了处理，今天再跟您确认一下。",
            purpose: "投诉回访会一直跟进，直到客户确认问题解决；第二次及以后的回访可以电话进行。",
            questions: &[
                "现在情况怎么样？问题彻底解决了吗？",
                "上次之后我们的跟进，您还满意吗？",
                "还有什么需要我们继续做的？",
            ],
            tips: &[
                "先看上次的回访记录，别让客户把问题再讲一遍。",
                "客户确认解决后勾选“客户确认已解决”，后续回访就不再安排。",
            ],
            fallbacks: &[("“怎么还没好？”", "真的很抱歉让您反复操心。我这就交给主管亲自处理，{时限}内给您回电。")],
            closing: "让您久等了，我们一定跟进到底。",
        },
        en: Text {
            name: "Complaint: repeat follow-up",
            why: "Last time we spoke, {problem} wasn't fully solved yet. We've done more work on it since, and I'd like to check with you again.",
            purpose: "Complaint follow-ups continue until the customer confirms the problem is solved; second and later follow-ups may be by phone.",
            questions: &[
                "How are things now? Is the problem completely solved?",
                "Were you happy with how we followed up since last time?",
                "Is there anything more you'd like us to do?",
            ],
            tips: &[
                "Read the last visit's record first, so the customer doesn't have to explain everything again.",
                "Once the customer confirms it's solved, tick “Customer confirms it is settled” and no more follow-ups are scheduled.",
            ],
            fallbacks: &[(
                "“Why isn't it fixed yet?”",
                "I'm really sorry this has dragged on. I'm passing it to my supervisor right now, and we'll call you back within {reply_within}.",
            )],
            closing: "We're sorry it has taken this long, and we'll see it through to the end.",
        },
    },
    Builtin {
        id: "care_diamond",
        scenario: Scenario::Care,
        tier: Some(Tier::Diamond),
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "钻石客户维护",
            why: "您是我们的{等级}客户，这次打电话，一是问候您，二是跟您说说我们的新品和专属服务，还给您准备了{权益}。",
            purpose: ZH_CARE_PURPOSE,
            questions: &[
                ZH_CARE_HOW,
                "我们刚推出了……（新品／升级），和您在用的{产品}很搭，要不要给您详细介绍一下？",
                "您的专属服务，比如优先上门、一对一顾问，用着还满意吗？",
                ZH_CARE_SUGGEST,
            ],
            tips: &[
                "重点讲产品更新和尊享服务，让客户感受到一对一的重视。",
                "客户提的每一条意见都要有回音：记成反馈事项，跟进到底。",
            ],
            fallbacks: &[(
                "“优惠券我用不上。”",
                "没关系，券先给您留着。您平时更常买哪类产品？下次我给您准备更合适的。",
            )],
            closing: "有任何需要，直接打给我就好，我随时为您服务。",
        },
        en: Text {
            name: "Diamond care",
            why: "As one of our {tier} customers, you're someone we like to stay in close touch with. I'm calling to see how you are and tell you about our latest products and services, and I have {offer} for you.",
            purpose: EN_CARE_PURPOSE,
            questions: &[
                EN_CARE_HOW,
                "We've just launched … (new product / upgrade), which goes well with your {product}. Shall I tell you more about it?",
                "How are you finding your premium services, such as priority visits and your personal adviser?",
                EN_CARE_SUGGEST,
            ],
            tips: &[
                "Focus on product updates and premium service; make the customer feel looked after one to one.",
                "Every remark deserves an answer: log it as a feedback item and see it through.",
            ],
            fallbacks: &[(
                "“I have no use for the coupon.”",
                "No problem, I'll keep it for you. What do you usually buy? Next time I'll have something that suits you better.",
            )],
            closing: "If you need anything, just call me directly. I'm always happy to help.",
        },
    },
    Builtin {
        id: "care_gold",
        scenario: Scenario::Care,
        tier: Some(Tier::Gold),
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "黄金客户维护",
            why: "您是我们的{等级}客户，这次打电话想听听您最近的使用感受，也给您带来了{权益}。",
            purpose: ZH_CARE_PURPOSE,
            questions: &[
                ZH_CARE_HOW,
                "根据您之前买的{产品}，我觉得……挺适合您，您有兴趣了解一下吗？",
                "您现在的积分可以兑换……，需要我帮您查一下、顺便兑换吗？",
                ZH_CARE_SUGGEST,
            ],
            tips: &[
                "重点做个性化推荐和积分提醒；推荐要结合客户的购买记录和偏好标签。",
                "客户有兴趣的产品记成“潜在需求”，之后会自动安排意向确认。",
            ],
            fallbacks: &[("“我不需要推荐。”", "好的，不给您推荐了。您的积分别忘了用，有效期内随时可以兑换。")],
            closing: "有新的会员活动和积分福利，我会第一时间告诉您。",
        },
        en: Text {
            name: "Gold care",
            why: "You're one of our {tier} customers, so I'd love to hear how things are going, and I have {offer} for you.",
            purpose: EN_CARE_PURPOSE,
            questions: &[
                EN_CARE_HOW,
                "Since you bought the {product}, I think … would suit you well. Would you like to hear about it?",
                "Your points can be exchanged for … right now. Shall I check your balance and redeem them for you?",
                EN_CARE_SUGGEST,
            ],
            tips: &[
                "Focus on personal recommendations and points; base recommendations on the customer's purchases and tags.",
                "Log anything the customer is interested in as a potential need; an intention check is then scheduled.",
            ],
            fallbacks: &[(
                "“I don't need recommendations.”",
                "Understood, no recommendations then. Just don't forget your points: you can use them any time before they expire.",
            )],
            closing: "I'll let you know first whenever there's a new member event or points offer.",
        },
    },
    Builtin {
        id: "care_silver",
        scenario: Scenario::Care,
        tier: Some(Tier::Silver),
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "白银客户维护",
            why: "想了解一下{产品}您用得怎么样，顺便跟您说说最近的优惠活动，还给您带来了{权益}。",
            purpose: ZH_CARE_PURPOSE,
            questions: &[
                ZH_CARE_HOW,
                "{产品}有个……功能，很多客户都说好用，您平时用过吗？",
                "最近有……促销活动，和您常买的品类有关，给您简单介绍一下？",
                ZH_CARE_SUGGEST,
            ],
            tips: &["重点介绍产品功能和促销活动，优惠的时间和条件要说清楚。", "通话简短明了，客户有兴趣再展开。"],
            fallbacks: &[("“有活动发短信给我就行。”", "好的，以后活动信息我发短信给您，不占用您的时间。")],
            closing: "活动详情我稍后发给您，有需要随时找我。",
        },
        en: Text {
            name: "Silver care",
            why: "I'm calling to see how you're getting on with the {product} and to tell you about our current offers, and I have {offer} for you.",
            purpose: EN_CARE_PURPOSE,
            questions: &[
                EN_CARE_HOW,
                "The {product} has a … feature that many customers love. Have you tried it?",
                "We're running a … promotion on the things you usually buy. Shall I tell you about it?",
                EN_CARE_SUGGEST,
            ],
            tips: &[
                "Focus on product features and promotions; be clear about the dates and conditions of an offer.",
                "Keep it short; go into detail only if the customer is interested.",
            ],
            fallbacks: &[(
                "“Just text me about offers.”",
                "Sure, I'll send offers by text from now on so I don't take up your time.",
            )],
            closing: "I'll send you the details shortly. Get in touch any time you need us.",
        },
    },
    Builtin {
        id: "care_basic",
        scenario: Scenario::Care,
        tier: Some(Tier::Basic),
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "基础客户维护",
            why: "今天打电话来问候您一下，也跟您说说{公司}最近的品牌活动。",
            purpose: ZH_CARE_PURPOSE,
            questions: &[
                "最近用得还顺心吗？有没有需要我们帮忙的？",
                "我们近期有……品牌活动，欢迎您来参加。",
                "……是很多客户常备的基础款，需要的话可以了解一下。",
            ],
            tips: &["重点介绍品牌活动和基础产品；通话简短，不强推。"],
            fallbacks: &[("“我很少买，不用联系我。”", "好的，明白。以后只在有重要活动时再告诉您，您看可以吗？")],
            closing: "祝您生活愉快，期待再次为您服务！",
        },
        en: Text {
            name: "Basic care",
            why: "I'm calling to say hello from all of us, and to tell you about {company}'s upcoming events.",
            purpose: EN_CARE_PURPOSE,
            questions: &[
                "Has everything been working well for you? Anything we can help with?",
                "We have a … event coming up, and you'd be very welcome.",
                "Many customers keep … at home as an everyday essential. Would you like to hear about it?",
            ],
            tips: &["Focus on brand events and everyday products; keep it short and never push."],
            fallbacks: &[(
                "“I rarely buy anything, no need to call me.”",
                "Understood. I'll only get in touch when there's something important. Is that all right?",
            )],
            closing: "Have a lovely day, and we look forward to seeing you again!",
        },
    },
    Builtin {
        id: "birthday",
        scenario: Scenario::Birthday,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Greeting,
        zh: Text {
            name: "生日关怀",
            why: "{生日何时}，{公司}祝您生日快乐！",
            purpose: "生日前后送上祝福和心意：只送祝福，不谈销售。",
            questions: &["我们为您准备了一份生日礼物，寄到哪里比较方便？还是原来的地址吗？", "最近一切都好吗？"],
            tips: &["一两分钟就好，语气真诚；客户不方便接听的，改发短信祝福。"],
            fallbacks: &[("“正在忙。”", "那不打扰您了，就是想跟您说一声生日快乐！礼物我们会尽快寄出。")],
            closing: "再次祝您生日快乐，天天开心！",
        },
        en: Text {
            name: "Birthday wishes",
            why: "{birthday_when}, and all of us at {company} wish you a very happy birthday!",
            purpose: "Send warm wishes and a small gift around the birthday: greetings only, no selling.",
            questions: &[
                "We've prepared a little birthday gift for you. Where should we send it? Still the same address?",
                "How have you been lately?",
            ],
            tips: &["Keep it to a minute or two and sound sincere; if the customer can't talk, send a text instead."],
            fallbacks: &[(
                "“I'm busy.”",
                "I won't keep you, I just wanted to wish you a happy birthday! We'll send your gift soon.",
            )],
            closing: "Happy birthday once again, and have a wonderful day!",
        },
    },
    Builtin {
        id: "holiday",
        scenario: Scenario::Holiday,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Greeting,
        zh: Text {
            name: "节日关怀",
            why: "{节日何时}，{公司}祝您和家人节日快乐！",
            purpose: "节前问候，表达心意；顺带告知节日期间的服务安排。",
            questions: &["节日期间我们的服务安排是……，有需要随时联系我们。", "最近用得还好吗？有什么需要帮忙的？"],
            tips: &["以问候为主，简短温暖；营业和配送安排要提前说清楚。", "客户不方便接听的，改发短信问候。"],
            fallbacks: &[("“在忙。”", "不打扰您了，祝您{节日}快乐！")],
            closing: "祝您{节日}快乐，阖家幸福！",
        },
        en: Text {
            name: "Holiday greetings",
            why: "{holiday_when}, and all of us at {company} wish you and your family a happy holiday!",
            purpose: "Send greetings before the holiday, and mention how our service runs over the holiday.",
            questions: &[
                "Over the holiday our service hours are …; call us whenever you need us.",
                "Has everything been working well? Anything we can help with?",
            ],
            tips: &[
                "Greetings first: short and warm. Be clear about opening hours and deliveries over the holiday.",
                "If the customer can't talk, send a text instead.",
            ],
            fallbacks: &[("“I'm busy.”", "I won't keep you. Happy {holiday}!")],
            closing: "Happy {holiday} to you and your family!",
        },
    },
    Builtin {
        id: "campaign",
        scenario: Scenario::Campaign,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "升级/活动通知",
            why: "我们的{活动}和您在用的{产品}有关，特地打电话跟您说一声。",
            purpose: "把升级或政策变化讲清楚，并听取客户的反馈。",
            questions: &[
                "这次主要的变化是：……，对您的影响是：……。",
                "关于这次变化，您有什么疑问吗？",
                "您觉得这次的变化对您有帮助吗？有什么建议？",
            ],
            tips: &["先讲清楚变化和对客户的影响，再听反馈；客户的意见记为“建议类”事项。"],
            fallbacks: &[(
                "“我不需要这个。”",
                "理解。我跟您说清楚这次变化对您现在的使用有没有影响：……。以后改主意了，随时找我。",
            )],
            closing: "您的意见我们会认真考虑。",
        },
        en: Text {
            name: "Upgrade / campaign notice",
            why: "I'm calling about our {campaign}: it concerns the {product} you use, and I wanted to tell you about it personally.",
            purpose: "Explain the upgrade or policy change clearly and collect the customer's feedback.",
            questions: &[
                "The main change is …, and for you it means ….",
                "Do you have any questions about the change?",
                "Do you think the change helps you? Any suggestions?",
            ],
            tips: &[
                "Explain the change and what it means for the customer first, then listen; log their remarks as suggestions.",
            ],
            fallbacks: &[(
                "“I don't need this.”",
                "Understood. Let me just explain whether it affects how you use things today: …. If you change your mind, get in touch any time.",
            )],
            closing: "We'll take your feedback seriously.",
        },
    },
    Builtin {
        id: "incident",
        scenario: Scenario::Incident,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Visit,
        zh: Text {
            name: "重大事故回访",
            why: "您这里发生的情况，我们已经在{处理日期}处理完毕。今天专程过来看看现在的情况，也当面听听您的意见。",
            purpose: "事故处理后尽快上门：确认现场恢复正常、没有后续损失，安抚客户，记下客户的要求。",
            questions: &[
                "现在一切都正常吗？还有没有安全隐患或影响使用的地方？",
                "这次的事给您带来了哪些影响或损失？我都如实记下来。",
                "对我们的处理过程和结果，您满意吗？",
                "您还有什么要求，希望我们怎么做？",
            ],
            tips: &["尽快上门，带上处理记录；先关心人和安全，再谈其他。", ZH_SIGN],
            fallbacks: &[(
                "“出了这么大的事……”",
                "非常抱歉，发生这样的事我们有责任。您的要求我都记下来，{时限}内给您明确答复。",
            )],
            closing: "后续由我负责跟进，有任何情况请随时联系我。",
        },
        en: Text {
            name: "Incident follow-up visit",
            why: "The incident here was dealt with on {fixed_date}. I've come to see how things are now and to hear your views in person.",
            purpose: "Visit soon after an incident: check the site is back to normal with no further damage, reassure the customer, and write down what they ask for.",
            questions: &[
                "Is everything back to normal? Is anything still unsafe or not working?",
                "How did the incident affect you, and did it cause any losses? I'll record everything.",
                "Are you satisfied with how we handled it and with the result?",
                "Is there anything else you'd like us to do?",
            ],
            tips: &["Go as soon as you can and bring the handling record; ask about people and safety first.", EN_SIGN],
            fallbacks: &[(
                "“Something this serious…”",
                "I'm very sorry; we take responsibility for what happened. I'm writing down everything you need and will give you a clear answer within {reply_within}.",
            )],
            closing: "I'll personally follow this up. Please contact me any time.",
        },
    },
    Builtin {
        id: "quality_sampling",
        scenario: Scenario::QualitySampling,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "日常抽样回访",
            why: "我们在做服务质量回访，想请您给最近的服务打个分，听听您的意见。",
            purpose: "日常抽样：客观了解服务质量，不引导，不推销。",
            questions: &[
                "最近一次购买或服务，整体满意度您打几分？1 分最低，5 分最高。",
                "哪些地方做得好，哪些需要改进？",
                "从 0 到 10 分，您有多大可能把我们推荐给亲友？",
                "还有其他意见或建议吗？",
            ],
            tips: &["按客户原话记录，不解释，不辩解；打低分的要追问原因。"],
            fallbacks: &[("“都挺好，没什么说的。”", "谢谢您的认可！如果一定要挑一处改进，您觉得会是哪里？")],
            closing: "您的宝贵意见，我们会认真改进。",
        },
        en: Text {
            name: "Quality sampling call",
            why: "We're checking the quality of our service and would value your rating of your recent experience with us.",
            purpose: "A routine sample: get an honest picture of service quality. Don't lead the customer and don't sell.",
            questions: &[
                "Thinking of your most recent purchase or service, how satisfied were you overall, from 1 (lowest) to 5 (highest)?",
                "What did we do well, and what should we improve?",
                "From 0 to 10, how likely are you to recommend us to friends or family?",
                "Any other comments or suggestions?",
            ],
            tips: &["Write down the customer's own words; don't explain or argue, and ask why when the score is low."],
            fallbacks: &[(
                "“It's all fine, nothing to say.”",
                "Thank you! If you had to pick one thing for us to improve, what would it be?",
            )],
            closing: "We'll act on what you've told us.",
        },
    },
    Builtin {
        id: "escalation",
        scenario: Scenario::Escalation,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::OwnIntro,
        zh: Text {
            name: "转专属顾问跟进",
            why: "您好，请问是{称呼}吗？我是{公司}为您安排的专属顾问{坐席}。前几次给您打电话都没接通，怕您有什么需要没顾上，以后由我一对一为您服务。",
            purpose: "钻石客户多次未接通，改由专属顾问一对一跟进：换个时间、换个方式，重新联系上客户。",
            questions: &[
                "您最近是不是比较忙？以后什么时间、用什么方式联系您最方便？",
                "最近使用上有没有需要我们帮忙的？",
                "以后有新品和专属优惠，我第一时间告诉您。您更关心哪方面？",
            ],
            tips: &["换个时段打，或先发短信、微信约好通话时间。", "把客户方便的时间和方式记进客户资料。"],
            fallbacks: &[(
                "“我不需要专人服务。”",
                "好的，尊重您的意见。我尽量少打扰您，有重要的新品和优惠再告诉您，可以吗？",
            )],
            closing: "我把我的电话发给您，有事随时直接找我。",
        },
        en: Text {
            name: "Hand to a dedicated adviser",
            why: "Hello, is this {name}? This is {agent}, your dedicated adviser at {company}. We couldn't reach you the last few times we called and want to be sure you have everything you need, so from now on I'll be looking after you personally.",
            purpose: "A Diamond customer missed several calls: a dedicated adviser takes over one to one, at another time or through another channel, to get back in touch.",
            questions: &[
                "Have you been busy lately? When and how would you prefer us to contact you?",
                "Is there anything we can help you with at the moment?",
                "I'll tell you first about new products and exclusive offers. What interests you most?",
            ],
            tips: &[
                "Call at a different time of day, or send a text or WeChat message first to book a call.",
                "Note the customer's preferred time and channel in their profile.",
            ],
            fallbacks: &[(
                "“I don't need a personal adviser.”",
                "Of course, I respect that. I'll keep calls to a minimum and only get in touch about important new products and offers. Is that all right?",
            )],
            closing: "I'll text you my direct number; call me any time.",
        },
    },
    Builtin {
        id: "sms_care",
        scenario: Scenario::SmsCare,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Message,
        zh: Text {
            name: "短信关怀",
            why: "【{公司}】{称呼}您好，我是{坐席}。之前给您打电话没有接通，特地发条短信问候您。{产品}用着有任何问题，回复本短信或拨打{热线}都能找到我们。祝您生活愉快！",
            purpose: "黄金客户未接通时，改发短信关怀，并留下联系渠道。",
            questions: &[],
            tips: &["尽量一条短信说完；用个人口吻，别像群发广告。"],
            fallbacks: &[],
            closing: "",
        },
        en: Text {
            name: "SMS care message",
            why: "Hi {name}, this is {agent} from {company}. I tried to call you but couldn't get through, so here's a quick note to say hello. If you have any questions about your {product}, just reply to this message or call {hotline}. Have a lovely day!",
            purpose: "When a Gold customer doesn't answer, send a caring text that tells them how to reach us.",
            questions: &[],
            tips: &["Keep it to a single text, written personally, not like a mass mailing."],
            fallbacks: &[],
            closing: "",
        },
    },
    Builtin {
        id: "feedback_closure",
        scenario: Scenario::FeedbackClosure,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "问题解决告知",
            why: "您之前反映的{问题}，已经在{处理日期}处理好了，特地打电话告诉您一声。",
            purpose: "件件有着落，事事有回音：问题处理完后告诉客户，并确认客户认可结果。",
            questions: &["您那边现在都正常了吗？", "对这次的处理结果您满意吗？", "还有其他需要我们帮忙的吗？"],
            tips: &["说清楚由谁、在什么时候、怎么处理的。", "客户不认可结果的，重新打开事项，或新建一条紧急事项。"],
            fallbacks: &[("“还没好啊。”", "抱歉！我马上重新登记跟进，{时限}内给您回复。")],
            closing: "多亏您当时提出来，帮我们把服务做得更好。",
        },
        en: Text {
            name: "Problem solved: let the customer know",
            why: "You told us about {problem}. It was sorted out on {fixed_date}, and I wanted to let you know personally.",
            purpose: "Every matter settled, every voice answered: once a problem is fixed, tell the customer and check they agree it is.",
            questions: &[
                "Is everything working properly on your side now?",
                "Are you satisfied with how it was handled?",
                "Is there anything else we can help you with?",
            ],
            tips: &[
                "Say clearly who fixed it, when, and how.",
                "If the customer doesn't agree it's fixed, reopen the item or log a new urgent one.",
            ],
            fallbacks: &[(
                "“It's still not right.”",
                "I'm sorry! I'm reopening it right now and will get back to you within {reply_within}.",
            )],
            closing: "It was good of you to raise it; it helps us do better.",
        },
    },
    Builtin {
        id: "intention_check",
        scenario: Scenario::IntentionCheck,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "意向确认",
            why: "上次您提到对{需求}有兴趣，今天想跟您再聊聊，看看您现在的想法。",
            purpose: "登记潜在需求后的意向确认：客户是否仍有需要、有什么顾虑；不强推。",
            questions: &[
                "{需求}这件事，您现在还在考虑吗？",
                "有没有什么顾虑，比如价格、时间或者功能？",
                "需要我给您发一份详细资料，或者安排一次体验吗？",
            ],
            tips: &["意向明确的，记下预计购买时间，并定好下次回访；没有意向的，礼貌结束并关闭事项。"],
            fallbacks: &[("“暂时不需要了。”", "好的，明白。以后有需要随时找我，有合适的优惠我也会告诉您。")],
            closing: "期待下次为您服务。",
        },
        en: Text {
            name: "Intention check",
            why: "Last time you mentioned an interest in {need}, and I'd like to hear what you think about it now.",
            purpose: "Follow up a potential need: is the customer still interested, and what holds them back? Don't push.",
            questions: &[
                "Are you still considering {need}?",
                "Is anything holding you back, such as price, timing or features?",
                "Would you like me to send you the details, or arrange a trial?",
            ],
            tips: &[
                "If the customer is interested, note when they expect to buy and set the next visit; if not, end politely and close the item.",
            ],
            fallbacks: &[(
                "“Not for now.”",
                "Understood. Whenever you need it, just get in touch, and I'll let you know about any good offers.",
            )],
            closing: "I look forward to helping you again.",
        },
    },
    Builtin {
        id: "complaint_handling",
        scenario: Scenario::ComplaintHandling,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "投诉跟进",
            why: "您反映的{问题}，我们已经收到了，非常抱歉给您添了麻烦。今天特地打电话来，想跟您把情况再核实一下。",
            purpose: "客户投诉后 24–48 小时内联系：致歉，核实事实经过，告诉客户接下来怎么处理、多久给答复。",
            questions: &[
                "能再跟我说说具体是什么情况吗？大概是什么时候开始的？",
                "现在对您影响大吗？还能正常使用吗？",
                "您希望我们怎么处理比较好？",
                "我们会尽快安排处理，{时限}内给您回复进展。请问还是打这个号码联系您吗？",
            ],
            tips: &[
                "先道歉，认真听，不辩解、不推责；把时间、现象和客户的诉求记清楚。",
                "客户已经无法正常使用的，登记为紧急跟进事项，写明负责部门和截止日期。",
                "处理完后客户确认已解决的，勾选“客户确认已解决”，后续回访就不再安排。",
            ],
            fallbacks: &[(
                "“说了多少遍了，你们到底管不管？”",
                "真的很抱歉让您反复说明。这件事现在由我负责跟进，{时限}内一定给您一个明确的答复。",
            )],
            closing: "再次向您道歉，我们一定尽快给您处理好。",
        },
        en: Text {
            name: "Complaint handling call",
            why: "We've received your complaint about {problem}, and I'm very sorry for the trouble. I'm calling to go over what happened with you.",
            purpose: "Within 24–48 hours of a complaint: apologise, confirm the facts, and tell the customer what happens next and when they will hear back.",
            questions: &[
                "Could you tell me again exactly what happened, and roughly when it started?",
                "How much is it affecting you right now? Can you still use it?",
                "How would you like us to put it right?",
                "We'll get on it right away and update you within {reply_within}. Is this still the best number to reach you?",
            ],
            tips: &[
                "Apologise first and listen. Don't argue and don't blame others; write down when it happened, what happened and what the customer wants.",
                "If the customer can no longer use the product, log an urgent follow-up item with the department and a deadline.",
                "Once it has been dealt with and the customer confirms it's settled, tick “Customer confirms it is settled” and no more follow-ups are planned.",
            ],
            fallbacks: &[(
                "“How many times do I have to tell you?”",
                "I'm so sorry you've had to explain it more than once. I'm following this up personally now, and you'll have a clear answer from me within {reply_within}.",
            )],
            closing: "Once again, I'm sorry. We'll get this sorted out as quickly as we can.",
        },
    },
    Builtin {
        id: "feedback_due",
        scenario: Scenario::FeedbackDue,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "问题处理进展告知",
            why: "您之前反映的{问题}，我们一直在跟进，今天特地打电话跟您说一下处理进展。",
            purpose: "跟进事项到期：先向负责部门确认处理情况，再把进展告诉客户；紧急事项 24 小时内处理。",
            questions: &[
                "这个问题目前是这样处理的：……（进展、预计什么时候完成）。",
                "这段时间对您的使用影响大吗？需要我们先提供一个临时的办法吗？",
                "还有其他需要我们帮忙的吗？",
            ],
            tips: &[
                "打电话之前，先向负责部门问清楚进展和预计完成时间，别等客户来催。",
                "问题已经解决、客户也确认了的，到回访记录页关闭这条事项。",
            ],
            fallbacks: &[("“怎么还没处理好？”", "非常抱歉让您久等了。我这就再去催办，{时限}内给您一个准确的时间。")],
            closing: "有新的进展，我会第一时间告诉您。",
        },
        en: Text {
            name: "Update on a reported problem",
            why: "We've been following up on {problem} that you told us about, and I'm calling to let you know where things stand.",
            purpose: "A follow-up item reaches its deadline: check with the department first, then tell the customer how it stands; urgent items are handled within 24 hours.",
            questions: &[
                "Here's where we are with it: … (progress, and when it should be finished).",
                "How much has it been affecting you? Would a temporary workaround help in the meantime?",
                "Is there anything else we can help you with?",
            ],
            tips: &[
                "Before you call, ask the department how it stands and when it will be finished, so the customer doesn't have to chase us.",
                "If it's solved and the customer agrees, close the item on the visit record's page.",
            ],
            fallbacks: &[(
                "“Why isn't it fixed yet?”",
                "I'm really sorry for the wait. I'll chase it up right now and give you a firm date within {reply_within}.",
            )],
            closing: "As soon as there's news, you'll hear it from me first.",
        },
    },
    Builtin {
        id: GENERAL,
        scenario: Scenario::Manual,
        tier: None,
        severity: None,
        round: None,
        kind: Kind::Call,
        zh: Text {
            name: "通用回访",
            why: "今天打电话来，想了解一下您最近的使用情况。",
            purpose: "一般回访：了解使用情况和满意度，收集问题和建议。",
            questions: &["最近用得怎么样？有没有遇到什么问题？", ZH_SCORE, "有什么建议或者新的需要吗？"],
            tips: &["先看客户资料和上次回访记录，问过的不再问。"],
            fallbacks: &[],
            closing: "祝您生活愉快！",
        },
        en: Text {
            name: "General follow-up call",
            why: "I'm calling to hear how things have been going for you lately.",
            purpose: "A general follow-up: hear how things are going and how satisfied the customer is, and collect problems and suggestions.",
            questions: &[
                "How has everything been lately? Have you run into any problems?",
                EN_SCORE,
                "Any suggestions, or anything new you need?",
            ],
            tips: &["Read the customer's profile and last visit first, so you don't ask the same thing twice."],
            fallbacks: &[],
            closing: "Have a good day!",
        },
    },
];

fn join(parts: &[&str], lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "",
        Lang::En => " ",
    };
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(sep)
}

fn build(b: &Builtin, lang: Lang) -> Script {
    let (t, c) = match lang {
        Lang::Zh => (&b.zh, &ZH),
        Lang::En => (&b.en, &EN),
    };
    let opening = match b.kind {
        Kind::Call => join(&[c.intro, t.why, c.ask], lang),
        Kind::Greeting => join(&[c.intro, t.why], lang),
        Kind::Visit => join(&[c.intro_visit, t.why], lang),
        Kind::OwnIntro => join(&[t.why, c.ask], lang),
        Kind::Message => t.why.to_string(),
    };
    let common: &[(&str, &str)] = match b.kind {
        Kind::Call | Kind::OwnIntro => &[c.busy, c.cannot_answer, c.unwilling],
        Kind::Visit => &[c.cannot_answer],
        Kind::Greeting | Kind::Message => &[],
    };
    let closing = match b.kind {
        Kind::Call | Kind::OwnIntro => join(&[c.thanks_call, t.closing], lang),
        Kind::Visit => join(&[c.thanks_visit, t.closing], lang),
        Kind::Greeting | Kind::Message => t.closing.to_string(),
    };
    let fallback = |&(when, say): &(&str, &str)| Fallback { when: when.to_string(), say: say.to_string() };
    Script {
        id: format!("{ID_PREFIX}{}", b.id).into(),
        rev: 0,
        builtin: Some(b.id.to_string()),
        origin: Origin::BuiltIn,
        name: t.name.to_string(),
        scenario: b.scenario,
        focus: Focus { tier: b.tier, need: None, product: None, severity: b.severity, round: b.round },
        lang,
        sections: Sections {
            opening,
            purpose: t.purpose.to_string(),
            questions: t.questions.iter().map(|q| q.to_string()).collect(),
            tips: t.tips.iter().map(|q| q.to_string()).collect(),
            fallbacks: t.fallbacks.iter().chain(common).map(fallback).collect(),
            closing,
        },
        updated_at: Default::default(),
    }
}

/// The built-in `id` in `lang`.
pub fn script(id: &str, lang: Lang) -> Option<Script> {
    BUILTINS.iter().find(|b| b.id == id).map(|b| build(b, lang))
}

/// Every built-in in `lang`.
pub fn all(lang: Lang) -> Vec<Script> {
    BUILTINS.iter().map(|b| build(b, lang)).collect()
}

/// The ids of the built-ins, in library order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|b| b.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scripts::placeholder::{Token, parse};

    fn placeholders(s: &Script) -> Vec<super::super::Placeholder> {
        s.texts()
            .flat_map(|(_, t)| parse(t).unwrap_or_default())
            .filter_map(|t| match t {
                Token::Slot(p) => Some(p),
                Token::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn every_built_in_is_well_formed_and_says_the_same_in_both_languages() {
        for id in ids() {
            let zh = script(id, Lang::Zh).unwrap();
            let en = script(id, Lang::En).unwrap();
            assert!(zh.validate().is_ok(), "{id} zh: {:?}", zh.validate());
            assert!(en.validate().is_ok(), "{id} en: {:?}", en.validate());
            assert_eq!(zh.sections.questions.len(), en.sections.questions.len(), "{id}");
            assert_eq!(zh.sections.tips.len(), en.sections.tips.len(), "{id}");
            assert_eq!(zh.sections.fallbacks.len(), en.sections.fallbacks.len(), "{id}");
            let mut a = placeholders(&zh);
            let mut b = placeholders(&en);
            a.sort_by_key(|p| p.name(Lang::En));
            a.dedup();
            b.sort_by_key(|p| p.name(Lang::En));
            b.dedup();
            assert_eq!(a, b, "{id}: the two languages use different placeholders");
        }
    }

    #[test]
    fn a_call_greets_by_honorific_introduces_the_agent_and_asks_for_a_few_minutes() {
        let s = script("activation", Lang::Zh).unwrap();
        assert!(s.sections.opening.starts_with("您好，请问是{称呼}吗？我是{公司}的{坐席}。"));
        assert!(s.sections.opening.ends_with("想占用您三五分钟时间，您现在方便吗？"));
        assert!(s.sections.fallbacks.iter().any(|f| f.say.contains("{时限}内")));
        assert!(s.sections.closing.contains("{热线}"));
    }

    #[test]
    fn the_sms_care_script_is_a_single_message_without_call_lines() {
        let s = script("sms_care", Lang::Zh).unwrap();
        assert!(s.sections.opening.starts_with("【{公司}】"));
        assert!(s.sections.fallbacks.is_empty());
        assert!(s.sections.closing.is_empty());
    }
}
