"""Custom Rasa NLU graph components for Chinese talent-policy conversations.

Pure-Python helpers (`textnorm`, `entity_rules`, `jieba_dict`, `nlu_data`) know nothing of Rasa so
they can be tested and reused; `normalizer` and `honour_extractor` wrap them as Rasa 3.x graph
components.
"""
