/// The exercise library shipped with gaitlive, word for word the file `share/gaitlive/exercises.json`
/// (a test keeps the two equal), so the binary works without the file installed.
enum DefaultExerciseLibrary {
    static let json = #"""
{
  "format": "gaitlive-exercise-library",
  "version": 1,
  "entries": [
    {
      "finding": "pelvic-drop",
      "title": "Hip control on one leg",
      "why": "While one foot is on the belt, the hip abductors of that leg hold the pelvis level. When they fall short, the other side of the pelvis sinks and the thigh swings in toward the midline, which loads the knee and the lower leg.",
      "exercises": [
        {
          "name": "Side-lying glute isolation against a wall",
          "dose": "2-3 sets of 10-15 slow lifts, {side} leg",
          "cue": "Lie on your side, back of the top heel against a wall. Slide the heel up the wall while pressing into it, and keep the pelvis square: no rolling backwards."
        },
        {
          "name": "Glute bridge, then bridge with single-leg marching",
          "dose": "5 s holds for 1 minute; then 2-3 sets of 10 marches",
          "cue": "Tighten both glutes before lifting and keep them tight at the top. To progress, lift one foot at a time without letting the pelvis tip or sag."
        },
        {
          "name": "Single-leg stance and slow mini squat",
          "dose": "3 x 30 s, then 3 x 8 squats, {side} leg",
          "cue": "Stand on the {side} leg facing a mirror and keep the belt line level; bend the knee a little, knee over the second toe."
        }
      ],
      "cues": [
        "Keep your belt line level as each foot lands.",
        "Run tall: imagine a string pulling the top of your head up."
      ]
    },
    {
      "finding": "overstriding",
      "title": "Land closer to your body",
      "why": "Landing with the foot far ahead of the hip, the knee nearly straight and the toes up brakes every step and raises the load on the knee and the hamstrings. A slightly quicker step brings the foot down under the body.",
      "exercises": [
        {
          "name": "Cadence up by 5-10 %",
          "dose": "from {cadence} to {cadence_plus_5}-{cadence_plus_10} steps/min, in 3-5 minute blocks of easy runs, building up over 2-4 weeks",
          "cue": "Run to a metronome or a playlist at the target beat; keep the same speed, so each step gets a little shorter."
        },
        {
          "name": "Shorter-stride drills",
          "dose": "4-6 x 20 s",
          "cue": "Quick, light steps on the spot and then moving forward, feet landing under the hips."
        }
      ],
      "cues": [
        "Quick and quiet feet.",
        "Let the foot land under your knee, not out in front of it."
      ]
    },
    {
      "finding": "ankle-dorsiflexion",
      "title": "A springier ankle in stance",
      "why": "The shin travels further over the planted foot than usual: the calf and the Achilles tendon work longer under load and the push-off loses spring.",
      "exercises": [
        {
          "name": "Heel raises with slow lowering",
          "dose": "3 x 15, 3 s down, {side} leg; progress to one leg on a step",
          "cue": "Rise up on both feet, lower slowly on the {side} foot alone."
        },
        {
          "name": "Split squat with slow lowering",
          "dose": "3 x 8 each side",
          "cue": "Lower for three seconds with the front shin close to upright, then drive up."
        },
        {
          "name": "Low hops with soft landings",
          "dose": "3 x 20 s once heel raises are easy",
          "cue": "Small, quiet hops; land on the forefoot and bounce straight away."
        }
      ],
      "cues": [
        "Push the ground away instead of sinking into it."
      ]
    },
    {
      "finding": "knee-flexion-stance",
      "title": "Knee control under load",
      "why": "The knee bends further (or less) in stance than in most healthy runners, which changes how the thigh muscles share the landing.",
      "exercises": [
        {
          "name": "Slow step-downs",
          "dose": "3 x 8, {side} leg",
          "cue": "Stand on a low step and lower the other heel to the floor in three seconds, knee over the second toe."
        }
      ],
      "cues": [
        "Land softly, then stay tall through the middle of stance."
      ]
    },
    {
      "finding": "knee-extended-contact",
      "title": "A softer knee at landing",
      "why": "Landing with the knee nearly straight passes the impact up the leg; injured runners tend to land this way.",
      "exercises": [
        {
          "name": "Cadence up by 5 %",
          "dose": "from {cadence} to {cadence_plus_5} steps/min in short blocks",
          "cue": "A slightly quicker step lets the knee land bent."
        }
      ],
      "cues": [
        "Land with a soft knee."
      ]
    },
    {
      "finding": "crossover",
      "title": "Keep the feet apart",
      "why": "When the feet cross the midline the hip and the shin work at an angle; a narrow base is linked with shin and outer-thigh problems.",
      "exercises": [
        {
          "name": "Lateral band walks",
          "dose": "3 x 10 steps each way",
          "cue": "Band above the knees, slight squat, step sideways without letting the knees fall in."
        }
      ],
      "cues": [
        "Run as if on two lines a hand's width apart."
      ]
    },
    {
      "finding": "asymmetry",
      "title": "Even out the two sides",
      "why": "One side moves differently from the other by more than the measurement can explain.",
      "exercises": [
        {
          "name": "Single-leg strength on the {side} side",
          "dose": "step-ups and single-leg squats, 3 x 8",
          "cue": "Match the quality of the better side before adding load."
        }
      ],
      "cues": [
        "Watch both sides in review and feel for the difference on the treadmill."
      ]
    },
    {
      "finding": "incline-change",
      "title": "Control on hills",
      "why": "On the incline one side changes its pattern while the other keeps it: the harder work shows a weakness the flat hides.",
      "exercises": [
        {
          "name": "Uphill strides with the cue of the finding",
          "dose": "4-6 x 20 s on a gentle hill",
          "cue": "Keep the form you have on the flat; stop the set when it slips."
        }
      ],
      "cues": [
        "Same form uphill as on the flat."
      ]
    },
    {
      "finding": "hamstring-dominant",
      "title": "Glutes before hamstrings",
      "why": "When the glutes do too little of the hip extension, the hamstrings take it over and are overloaded where they attach to the pelvis.",
      "exercises": [
        {
          "name": "Quadruped hip extension with glute pre-activation",
          "dose": "3 x 10, {side} leg",
          "cue": "On hands and knees, tighten the glute of the working leg first, then lift the leg back without arching the lower back."
        },
        {
          "name": "Eccentric hamstring work on a slow treadmill",
          "dose": "1 minute, 2-3 rounds",
          "cue": "Face backwards on a slow belt holding the rails, the other foot off the belt; with the knee almost straight, resist the belt as it draws the foot forward, then bring the leg back by bending the knee and extending the hip."
        },
        {
          "name": "Quadruped plank",
          "dose": "3 x 20-30 s (forearms allowed)",
          "cue": "Keep the lower back from sagging into an arch."
        }
      ],
      "cues": [
        "Push the ground back with your buttock, not your hamstring."
      ]
    }
  ]
}
"""#
}
